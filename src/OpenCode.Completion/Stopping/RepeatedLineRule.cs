namespace OpenCode.Completion;

/// <summary>Stops when a line repeats the line before it: a small or looping model's typical failure.</summary>
internal sealed class RepeatedLineRule : ILineStopRule
{
    public string Name => "repeated-line";

    public int? Check(CompletionContext context, CompletionLine line) =>
        line.Previous is { } previous && TextLines.SameLine(line.Text, previous) ? 0 : null;
}
