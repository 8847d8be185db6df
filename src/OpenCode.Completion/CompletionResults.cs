namespace OpenCode.Completion;

/// <summary>Builds the <see cref="CodeCompletion"/> values a request yields.</summary>
internal static class CompletionResults
{
    public static CodeCompletion Snapshot(CompletionContext context, CodeCompletionRequest request, string text, CodeCompletionSource source, CompletionPromptInfo? prompt) => new()
    {
        Text = text,
        Range = CompletionFilters.RangeOf(context, text, request.Cursor),
        Source = source,
        Prompt = prompt,
    };

    public static CodeCompletion Final(
        CompletionContext context, CodeCompletionRequest request, string text, CodeCompletionSource source, GenerationOutcome outcome, CompletionPromptInfo? prompt) => new()
        {
            Text = text,
            Range = CompletionFilters.RangeOf(context, text, request.Cursor),
            IsFinal = true,
            Stop = outcome.Stop,
            StopRule = outcome.StopRule,
            Source = text.Length == 0 && source != CodeCompletionSource.Cache ? CodeCompletionSource.None : source,
            Prompt = prompt,
            Usage = outcome.Usage,
        };

    public static CodeCompletion Superseded(CodeCompletionRequest request) => new()
    {
        Text = string.Empty,
        Range = new CompletionRange(request.Cursor, request.Cursor),
        IsFinal = true,
        Stop = CompletionStop.Superseded,
        Source = CodeCompletionSource.None,
    };
}
