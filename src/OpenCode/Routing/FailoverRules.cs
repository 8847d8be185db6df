namespace OpenCode.Routing;

/// <summary>Which errors move a request to another instance, and which count against an instance's health; by code, never by message.</summary>
internal static class FailoverRules
{
    /// <summary>Gets a value indicating whether another instance may answer where this one failed (the request itself was not at fault).</summary>
    public static bool FailsOver(OpenCodeException error) => error.IsTransient || error.Code
        is OpenCodeErrorCodes.AuthenticationFailed or OpenCodeErrorCodes.ModelNotFound or OpenCodeErrorCodes.ModelDiscoveryFailed
        or OpenCodeErrorCodes.LocalServerFailed or OpenCodeErrorCodes.InvalidResponse
        or OpenCodeErrorCodes.CircuitOpen or OpenCodeErrorCodes.QueueFull or OpenCodeErrorCodes.QuotaExceeded;

    /// <summary>Gets a value indicating whether the error says the server is sick (a busy one that answered 429 is not).</summary>
    public static bool CountsAgainstHealth(OpenCodeException error) => error.Code
        is OpenCodeErrorCodes.ServerError or OpenCodeErrorCodes.Timeout or OpenCodeErrorCodes.ConnectionFailed
        or OpenCodeErrorCodes.StreamInterrupted or OpenCodeErrorCodes.LocalServerFailed or OpenCodeErrorCodes.ModelDiscoveryFailed
        or OpenCodeErrorCodes.AuthenticationFailed or OpenCodeErrorCodes.InvalidResponse or OpenCodeErrorCodes.CircuitOpen;
}
