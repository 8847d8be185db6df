using Microsoft.Extensions.Logging;

namespace OpenCode.Auth;

/// <summary>Source-generated log messages of authentication. None of them carries a secret, a token or a header value.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(101, LogLevel.Debug, "Got an access token from {TokenEndpoint}, valid until {ExpiresAt:O}")]
    public static partial void TokenIssued(ILogger logger, string tokenEndpoint, DateTimeOffset expiresAt);

    [LoggerMessage(102, LogLevel.Information, "The token endpoint rotated the refresh token; the new one is stored")]
    public static partial void RotatedTokenStored(ILogger logger);

    [LoggerMessage(103, LogLevel.Warning, "The token endpoint rotated the refresh token, but it came from configuration and is kept in memory only; store it with 'opencode auth set' to keep it across restarts")]
    public static partial void RotatedTokenKeptInMemory(ILogger logger);

    [LoggerMessage(104, LogLevel.Error, "The token endpoint rotated the refresh token, but storing the new one failed ({ErrorType}); the next process will start from the old one")]
    public static partial void RotatedTokenNotStored(ILogger logger, string errorType);

    [LoggerMessage(105, LogLevel.Debug, "Signed a new JWT assertion, valid until {ExpiresAt:O}")]
    public static partial void JwtSigned(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(106, LogLevel.Information, "The server answered 401 with the {Credential}; refreshed the credential and sending the request once more")]
    public static partial void RetryingAfterRefresh(ILogger logger, string credential);
}
