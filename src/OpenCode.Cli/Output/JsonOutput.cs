using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenCode.Cli.Output;

/// <summary>Writes one JSON document to stdout with the CLI's source-generated serializer.</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync<T>(TextWriter output, T value, JsonTypeInfo<T> typeInfo)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo));
        await output.FlushAsync();
    }
}
