namespace OpenCode.Cli.Output;

/// <summary>The <c>--json</c> result of <c>chat</c> and <c>complete</c>.</summary>
internal sealed record GenerationJson(string Content, string FinishReason, string? Model, UsageJson? Usage, double? TimeToFirstTokenMs)
{
    public static GenerationJson From(CompletedMessage message) => new(
        message.Content,
        message.FinishReason.Value,
        message.Model,
        message.Usage is { } usage ? UsageJson.From(usage) : null,
        message.TimeToFirstToken is { } ttft ? Math.Round(ttft.TotalMilliseconds, 1) : null);
}

/// <summary>Token usage; <c>source</c> is <c>reported</c>, <c>timings</c> or <c>counted</c> (an estimate).</summary>
internal sealed record UsageJson(int PromptTokens, int CompletionTokens, int TotalTokens, string Source)
{
    public static UsageJson From(TokenUsage usage) =>
        new(usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.Source.ToString().ToLowerInvariant());
}
