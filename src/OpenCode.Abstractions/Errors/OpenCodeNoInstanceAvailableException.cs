namespace OpenCode;

/// <summary>
/// No instance of a router could answer (<see cref="OpenCodeErrorCodes.NoInstanceAvailable"/>): none serves the model, all are
/// cooling down, or every one tried failed before its first chunk. <see cref="Attempts"/> lists what was tried.
/// </summary>
/// <param name="message">What went wrong, naming the model and the instances.</param>
/// <param name="attempts">The attempts made, in order; empty when no instance could be tried.</param>
/// <param name="innerException">The last attempt's error, if any.</param>
public sealed class OpenCodeNoInstanceAvailableException(string message, IReadOnlyList<RouteAttempt> attempts, Exception? innerException = null)
    : OpenCodeException(OpenCodeErrorCodes.NoInstanceAvailable, message, innerException: innerException)
{
    /// <summary>Gets the attempts made, in order.</summary>
    public IReadOnlyList<RouteAttempt> Attempts { get; } = attempts;
}
