namespace OpenCode.Completion;

/// <summary>Stops at the second blank line in a row, in multi-line mode: the model has left the code it was asked for.</summary>
internal sealed class BlankRunRule : ILineStopRule
{
    public string Name => "blank-lines";

    public int? Check(CompletionContext context, CompletionLine line) =>
        line.Index >= 1 && line.Complete && TextLines.IsBlank(line.Text) && line.Previous is { } previous && TextLines.IsBlank(previous) ? 0 : null;
}
