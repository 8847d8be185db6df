namespace OpenCode.Completion;

/// <summary>How a generation ended: its filtered text, why it stopped, and the server's usage.</summary>
internal sealed record GenerationOutcome(string Text, CompletionStop Stop, string? StopRule, TokenUsage? Usage);
