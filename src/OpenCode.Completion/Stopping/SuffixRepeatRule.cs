namespace OpenCode.Completion;

/// <summary>Stops when a line repeats the first line of code after the cursor: the model has reached text that is already there.</summary>
internal sealed class SuffixRepeatRule : ILineStopRule
{
    public string Name => "suffix-repeat";

    public int? Check(CompletionContext context, CompletionLine line)
    {
        if (line.Index == 0 && !context.AtLineStart)
        {
            return null;
        }

        var next = TextLines.IsBlank(context.LineSuffix) ? context.SuffixLines.FirstOrDefault() : context.LineSuffix;
        return next is not null && TextLines.SameLine(line.InDocument(context), next) ? 0 : null;
    }
}
