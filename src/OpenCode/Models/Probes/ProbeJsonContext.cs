using System.Text.Json.Serialization;

namespace OpenCode.Models.Probes;

/// <summary>Source-generated serialization of probe request bodies.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
