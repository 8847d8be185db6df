using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenCode.Telemetry;

/// <summary>
/// The names under which OpenCode reports traces and metrics: subscribe with
/// <c>AddSource(OpenCodeTelemetry.ActivitySourceName)</c> and <c>AddMeter(OpenCodeTelemetry.MeterName)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every generation, whatever the face, is counted once in the <c>opencode.client.*</c> instruments: token usage and operation
/// duration (with the GenAI attributes), requests, errors by code, retries, fallbacks, the queue length and rate-limit waits.
/// </para>
/// <para>
/// The OpenTelemetry GenAI semantic-convention metrics (<c>gen_ai.client.token.usage</c>, <c>gen_ai.client.operation.duration</c>,
/// <c>gen_ai.client.operation.time_to_first_chunk</c>, <c>gen_ai.client.operation.time_per_output_chunk</c>) are recorded by exactly
/// one instrumentation per generation: this meter for <see cref="IAIProvider"/>, <see cref="ILlmPort"/> and the CLI; for the
/// <c>IChatClient</c> face, Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>, which records them under the same names (docs/telemetry.md).
/// Nothing recorded carries prompt text or credentials.
/// </para>
/// </remarks>
public static class OpenCodeTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "OpenCode";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "OpenCode";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(OpenCodeTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(OpenCodeTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
        advice: TokenAdvice());

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.", advice: DurationAdvice());

    internal static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.time_to_first_chunk", "s", "Time to receive the first chunk of a streamed response.", advice: DurationAdvice());

    internal static readonly Histogram<double> TimePerOutputChunk = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.time_per_output_chunk", "s", "Time between two chunks of a streamed response.", advice: DurationAdvice());

    internal static readonly Histogram<long> ClientTokenUsage = Meter.CreateHistogram<long>(
        "opencode.client.token.usage", "{token}", "Input and output tokens of every generation, whatever the face.", advice: TokenAdvice());

    internal static readonly Histogram<double> ClientOperationDuration = Meter.CreateHistogram<double>(
        "opencode.client.operation.duration", "s", "Duration of every generation, whatever the face, queueing included.", advice: DurationAdvice());

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("opencode.client.requests", "{request}", "Requests sent.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("opencode.client.errors", "{error}", "Requests that failed, by error code (error.type).");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("opencode.client.retries", "{retry}", "Attempts retried after a transient failure.");

    internal static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("opencode.client.fallbacks", "{request}", "Requests served by the fallback model because the requested one's limits were spent.");

    internal static readonly UpDownCounter<long> QueueLength = Meter.CreateUpDownCounter<long>("opencode.client.queue.length", "{request}", "Requests waiting in the client-side limiter.");

    internal static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
        "opencode.client.rate_limit.wait", "s", "Time a request waited in the client-side limiter.", advice: DurationAdvice());

    private static InstrumentAdvice<long> TokenAdvice() =>
        new() { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] };

    private static InstrumentAdvice<double> DurationAdvice() =>
        new() { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] };
}
