namespace OpenCode;

/// <summary>How the server identified an answer: its <c>id</c> and <c>created</c> time.</summary>
/// <param name="Id">The server's id for the answer (for example <c>chatcmpl-…</c>); <see langword="null"/> when it sent none.</param>
/// <param name="Created">When the server says it created the answer (from Unix seconds); <see langword="null"/> when it sent no time.</param>
public sealed record ResponseIdentity(string? Id, DateTimeOffset? Created)
{
    /// <summary>A server's <c>created</c> (Unix seconds) as a time; <see langword="null"/> for a value no clock can mean.</summary>
    internal static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds is > 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
