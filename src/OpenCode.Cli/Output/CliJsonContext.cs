using System.Text.Json.Serialization;

namespace OpenCode.Cli.Output;

/// <summary>The CLI's JSON output shapes: camelCase names, nulls written (so every documented field is present).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(GenerationJson))]
[JsonSerializable(typeof(EmbeddingJson))]
[JsonSerializable(typeof(CodeCompletionJson))]
[JsonSerializable(typeof(List<ModelJson>))]
[JsonSerializable(typeof(HealthJson))]
[JsonSerializable(typeof(List<InstanceHealthJson>))]
[JsonSerializable(typeof(List<ModelStatsJson>))]
[JsonSerializable(typeof(UsageReportJson))]
[JsonSerializable(typeof(List<CredentialJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
