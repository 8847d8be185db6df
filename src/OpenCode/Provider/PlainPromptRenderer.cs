using System.Text;

namespace OpenCode.Provider;

/// <summary>Renders a conversation as one plain prompt, for models that have no chat template.</summary>
/// <remarks>A neutral transcript; the last line opens the assistant's turn so the model continues as the assistant.</remarks>
internal static class PlainPromptRenderer
{
    public static string Render(IReadOnlyList<Message> messages)
    {
        var prompt = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.Role == MessageRole.System)
            {
                prompt.Append(message.Content).Append("\n\n");
                continue;
            }

            prompt.Append(message.Role switch
            {
                MessageRole.User => "### User:\n",
                MessageRole.Assistant => "### Assistant:\n",
                _ => "### Tool:\n",
            }).Append(message.Content).Append("\n\n");
        }

        return prompt.Append("### Assistant:\n").ToString();
    }
}
