namespace OpenCode.Models;

/// <summary>One measured request.</summary>
internal readonly record struct PerformanceSample(bool Failed, TimeSpan? FirstToken, TimeSpan Latency, int CompletionTokens);
