using System.Text.Json;

namespace OpenCode.Models;

/// <summary>The answer of an OpenCode API's <c>/auth/validate</c>.</summary>
internal sealed class AuthValidationResult
{
    /// <summary>Gets a value indicating whether the server accepted the credential.</summary>
    public required bool IsValid { get; init; }

    /// <summary>Gets the principal the credential belongs to, when the server says.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the server's whole answer.</summary>
    public JsonElement Raw { get; init; }
}
