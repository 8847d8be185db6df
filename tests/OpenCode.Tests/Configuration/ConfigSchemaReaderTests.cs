using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Infrastructure;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

/// <summary>The config schema read keyword by keyword is the schema NJsonSchema's own (reflection-based) reader makes.</summary>
public sealed class ConfigSchemaReaderTests
{
    [Fact]
    public void Read_ConfigSchema_EqualsNJsonSchemasOwnReading()
    {
        var byNJsonSchema = JsonSchemaSerialization.FromJson<JsonSchema>(
            OpenCodeConfigFile.SchemaJson, JsonSchema.CreateJsonSerializerContractResolver(SchemaType.JsonSchema));

        var byReader = ConfigSchemaReader.Read(JObject.Parse(OpenCodeConfigFile.SchemaJson));

        JToken.Parse(byReader.ToJson()).ShouldBe(JToken.Parse(byNJsonSchema.ToJson()), JTokenEqualityComparer());
        byReader.Properties.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void Read_KeywordItDoesNotRead_ThrowsNamingKeywordAndPlace()
    {
        var schema = JObject.Parse("""{ "type": "object", "properties": { "timeout": { "type": "integer", "multipleOf": 1000 } } }""");

        var error = Should.Throw<InvalidOperationException>(() => ConfigSchemaReader.Read(schema));

        error.Message.ShouldContain("'multipleOf'");
        error.Message.ShouldContain("properties.timeout.multipleOf");
    }

    [Fact]
    public void Read_UnknownType_ThrowsNamingIt()
    {
        Should.Throw<InvalidOperationException>(() => ConfigSchemaReader.Read(JObject.Parse("""{ "type": "decimal" }""")))
            .Message.ShouldContain("'decimal'");
    }

    private static IEqualityComparer<JToken> JTokenEqualityComparer() => new JTokenEqualityComparer();
}
