using Microsoft.Extensions.Logging;

namespace OpenCode.Resilience;

/// <summary>Source-generated log messages of retries and the circuit breaker.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(300, LogLevel.Warning, "Attempt {Attempt} at {Endpoint} failed with {Code}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, int attempt, Uri endpoint, string code, double delayMs);

    [LoggerMessage(301, LogLevel.Warning, "Circuit of {Endpoint} opened for {BreakMs} ms after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, Uri endpoint, double breakMs);

    [LoggerMessage(302, LogLevel.Information, "Circuit of {Endpoint} closed again")]
    public static partial void CircuitClosed(ILogger logger, Uri endpoint);

    [LoggerMessage(303, LogLevel.Information, "Circuit of {Endpoint} half-open: one trial call decides whether it closes")]
    public static partial void CircuitHalfOpened(ILogger logger, Uri endpoint);

    [LoggerMessage(304, LogLevel.Debug, "Circuit of {Endpoint} is {State}; the request waits up to {WaitMs} ms for it to let calls through")]
    public static partial void WaitingForCircuit(ILogger logger, Uri endpoint, string state, double waitMs);
}
