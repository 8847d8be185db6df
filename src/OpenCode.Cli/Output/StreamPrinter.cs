namespace OpenCode.Cli.Output;

/// <summary>Prints answer text to stdout as it arrives (flushed per chunk), and reasoning to stderr, dimmed on a terminal.</summary>
internal sealed class StreamPrinter(CliContext context, bool showReasoning)
{
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";
    private bool _wroteText;
    private bool _wroteReasoning;

    public void Write(MessageChunk chunk)
    {
        if (showReasoning && !string.IsNullOrEmpty(chunk.ReasoningContent))
        {
            context.Error.Write(context.ErrorIsTerminal ? Dim + chunk.ReasoningContent + Reset : chunk.ReasoningContent);
            context.Error.Flush();
            _wroteReasoning = true;
        }

        if (chunk.Content.Length > 0)
        {
            context.Out.Write(chunk.Content);
            context.Out.Flush();
            _wroteText = true;
        }
    }

    /// <summary>Ends the answer with a newline (and the reasoning, if any was shown).</summary>
    public void EndLine()
    {
        if (_wroteReasoning)
        {
            context.Error.WriteLine();
        }

        if (_wroteText)
        {
            context.Out.WriteLine();
            context.Out.Flush();
        }
    }
}
