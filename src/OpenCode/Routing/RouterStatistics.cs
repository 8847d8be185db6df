namespace OpenCode.Routing;

/// <summary>A snapshot of a router's instances and per-model totals, in this process (<see cref="OpenCodeRouter.GetStatistics"/>).</summary>
/// <param name="Instances">Each instance, in configuration order.</param>
/// <param name="Models">Totals per model that answered.</param>
/// <param name="CacheHits">Answers served from the response cache.</param>
/// <param name="TakenAt">When the snapshot was taken.</param>
public sealed record RouterStatistics(IReadOnlyList<InstanceStatistics> Instances, IReadOnlyList<ModelStatistics> Models, long CacheHits, DateTimeOffset TakenAt);

/// <summary>One instance's health, load and totals.</summary>
/// <param name="Name">The instance name.</param>
/// <param name="State">Whether it takes requests.</param>
/// <param name="Models">The models it serves, empty until it was reached.</param>
/// <param name="Outstanding">Requests in flight now.</param>
/// <param name="LatencyMs">Moving average of the time to the first chunk (or of probes), in milliseconds; 0 before any.</param>
/// <param name="CooldownUntil">When a cooling-down instance is probed again, or <see langword="null"/>.</param>
/// <param name="LastError">The last error, or <see langword="null"/>.</param>
/// <param name="Requests">Requests sent to it (answered or failed).</param>
/// <param name="Failures">Requests that failed on it.</param>
/// <param name="PromptTokens">Prompt tokens of its answers.</param>
/// <param name="CompletionTokens">Completion tokens of its answers.</param>
public sealed record InstanceStatistics(
    string Name, InstanceHealthState State, IReadOnlyList<string> Models, int Outstanding, double LatencyMs, DateTimeOffset? CooldownUntil,
    string? LastError, long Requests, long Failures, long PromptTokens, long CompletionTokens)
{
    /// <summary>Gets the cost of its answers, or <see langword="null"/> while no price is known for its models.</summary>
    public decimal? Cost { get; init; }
}

/// <summary>One model's totals.</summary>
/// <param name="Model">The model id.</param>
/// <param name="Answers">Answers it gave (cache hits included).</param>
/// <param name="PromptTokens">Prompt tokens.</param>
/// <param name="CompletionTokens">Completion tokens.</param>
public sealed record ModelStatistics(string Model, long Answers, long PromptTokens, long CompletionTokens)
{
    /// <summary>Gets the cost of its answers, or <see langword="null"/> while no price is known for it.</summary>
    public decimal? Cost { get; init; }
}
