namespace OpenCode.Auth;

/// <summary>What a credential may be called: short, and safe as a file or key name on every platform.</summary>
internal static class CredentialName
{
    /// <summary>The rule, for messages.</summary>
    public const string Rule = "1 to 64 letters, digits, '-', '_' or '.', not starting with '.'";

    /// <summary>Tells whether <paramref name="name"/> is a valid credential name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it follows <see cref="Rule"/>.</returns>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 64 } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
