using System.Text.Json;

namespace OpenCode.Configuration;

/// <summary>A parsed config file: its JSON, with property names spelled as the schema spells them, and where each value was written.</summary>
/// <param name="Root">The document; a name written in another case (<c>RateLimits</c>) carries the schema's spelling (<c>rateLimits</c>).</param>
/// <param name="Sites">Where each value is, by its JSON Pointer in <paramref name="Root"/> (<c>/rateLimits/requestsPerMinute</c>; the root is <c>""</c>).</param>
internal sealed record ConfigDocument(JsonElement Root, IReadOnlyDictionary<string, ConfigValueSite> Sites);
