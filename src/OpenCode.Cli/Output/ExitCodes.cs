namespace OpenCode.Cli.Output;

/// <summary>The process exit codes of <c>opencode</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure inside the CLI itself (a bug): not a usage, server or network problem.</summary>
    public const int InternalError = 1;

    /// <summary>Bad command line or settings, an invalid request, a model the server does not serve, or a capability the model lacks.</summary>
    public const int Usage = 2;

    /// <summary>The server rejected the credential.</summary>
    public const int AuthenticationFailed = 3;

    /// <summary>The server failed, could not be reached, timed out, or answered with something unreadable; also an unhealthy <c>health</c>.</summary>
    public const int ServerFailure = 4;

    /// <summary>Rate limited or over quota: try again later.</summary>
    public const int RateLimited = 5;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for an <see cref="OpenCodeException.Code"/>.</summary>
    public static int For(string code) => code switch
    {
        OpenCodeErrorCodes.InvalidConfiguration or OpenCodeErrorCodes.InvalidRequest or OpenCodeErrorCodes.ModelNotFound
            or OpenCodeErrorCodes.CapabilityNotSupported => Usage,
        OpenCodeErrorCodes.AuthenticationFailed => AuthenticationFailed,
        OpenCodeErrorCodes.RateLimited or OpenCodeErrorCodes.QuotaExceeded => RateLimited,
        _ => ServerFailure,
    };
}
