using System.Text.Json;

namespace OpenCode.Models;

/// <summary>The answer of an OpenCode API's <c>/usage/stats</c>.</summary>
internal sealed class UsageStats
{
    /// <summary>Gets the requests counted by the server, when it says.</summary>
    public long? TotalRequests { get; init; }

    /// <summary>Gets the tokens counted by the server, when it says.</summary>
    public long? TotalTokens { get; init; }

    /// <summary>Gets the server's whole answer, for fields not modelled here.</summary>
    public JsonElement Raw { get; init; }
}
