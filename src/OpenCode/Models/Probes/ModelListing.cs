using System.Text.Json;

namespace OpenCode.Models.Probes;

/// <summary>A model as a dialect's list names it: its id, fingerprint and the list entry, kept for <see cref="IDialectProbe.DescribeAsync"/>.</summary>
internal sealed record ModelListing(string Id, ModelFingerprint Fingerprint, JsonElement Entry);
