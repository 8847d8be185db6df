using System.Text;

namespace OpenCode.Families;

/// <summary>How a family without a chat template wants an instruction written (WizardCoder's Alpaca style).</summary>
internal sealed class InstructionFormat
{
    private InstructionFormat(string name, string preamble, string instructionHeader, string responseHeader)
    {
        Name = name;
        Preamble = preamble;
        InstructionHeader = instructionHeader;
        ResponseHeader = responseHeader;
    }

    /// <summary>Gets the Alpaca format WizardCoder was tuned with.</summary>
    public static InstructionFormat Alpaca { get; } = new(
        "alpaca",
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.",
        "### Instruction:",
        "### Response:");

    /// <summary>Gets the format's name.</summary>
    public string Name { get; }

    /// <summary>Gets the text before the instruction.</summary>
    public string Preamble { get; }

    /// <summary>Gets the header of the instruction.</summary>
    public string InstructionHeader { get; }

    /// <summary>Gets the header after which the model answers.</summary>
    public string ResponseHeader { get; }

    /// <summary>Writes a conversation as one prompt: system text and user turns form the instruction, assistant turns are earlier responses.</summary>
    /// <param name="messages">The conversation.</param>
    /// <returns>The prompt, ending with the response header.</returns>
    public string Render(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder(Preamble).Append("\n\n");
        foreach (var message in messages)
        {
            var header = message.Role == MessageRole.Assistant ? ResponseHeader : InstructionHeader;
            text.Append(header).Append('\n').Append(message.Content).Append("\n\n");
        }

        return text.Append(ResponseHeader).Append('\n').ToString();
    }
}
