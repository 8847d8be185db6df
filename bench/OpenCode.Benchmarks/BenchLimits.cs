using OpenCode.Configuration;

namespace OpenCode.Benchmarks;

/// <summary>
/// Which client-side limits the benchmarked provider runs with: <c>default</c> (what a user gets without configuring any)
/// or <c>max</c> (every limit at the largest value the schema accepts). Measured separately, never mixed in one table.
/// </summary>
internal sealed record BenchLimits(string Name)
{
    public static BenchLimits Default { get; } = new("default");

    public static BenchLimits Max { get; } = new("max");

    public static BenchLimits Parse(string? value) => value switch
    {
        null or "default" => Default,
        "max" => Max,
        _ => throw new ArgumentException($"--limits must be 'default' or 'max', not '{value}'.", nameof(value)),
    };

    public void Apply(RateLimitOptions options)
    {
        if (this == Max)
        {
            options.RequestsPerMinute = 1000;
            options.TokensPerMinute = 1_000_000;
            options.ConcurrentRequests = 20;
            options.MaxQueueSize = 1000;
            options.QueueTimeout = 300_000;
        }
    }

    public string Describe(RateLimitOptions options) =>
        $"{Name}: {Limit(options.RequestsPerMinute, "requests/min")}, {Limit(options.TokensPerMinute, "tokens/min")}, {Limit(options.ConcurrentRequests, "concurrent")}, queue {options.MaxQueueSize}";

    private static string Limit(int? value, string unit) => value is { } limit ? $"{limit:N0} {unit}" : $"no {unit} limit";
}
