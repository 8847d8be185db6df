using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCode.Client;

namespace OpenCode.Tests.Client;

/// <summary>Additional parameters serialize in a JIT app as before, and in a trimmed or native AOT app as far as it can.</summary>
public sealed class AdditionalParameterJsonTests
{
    public static TheoryData<bool> ReflectionOnAndOff() => [true, false];

    [Theory]
    [MemberData(nameof(ReflectionOnAndOff))]
    public void Write_JsonValuesAndCollections_WritesThemAsJson(bool reflection)
    {
        var values = new Dictionary<string, object?>
        {
            ["top_k"] = 40,
            ["min_p"] = 0.05,
            ["mirostat"] = false,
            ["grammar"] = "root ::= \"a\"",
            ["logit_bias"] = new Dictionary<string, object> { ["15043"] = 1.5, ["nested"] = new[] { 1, 2 } },
            ["samplers"] = new List<string> { "top_k", "min_p" },
            ["element"] = JsonDocument.Parse("""{"a":[1,null]}""").RootElement,
            ["node"] = new JsonObject { ["b"] = true },
            ["none"] = null,
        };

        Write(values, AdditionalParameterJson.CreateOptions(reflection)).ShouldBe(
            """{"top_k":40,"min_p":0.05,"mirostat":false,"grammar":"root ::= \u0022a\u0022","logit_bias":{"15043":1.5,"nested":[1,2]},"samplers":["top_k","min_p"],"element":{"a":[1,null]},"node":{"b":true},"none":null}""");
    }

    [Fact]
    public void Write_ObjectOfOwnTypeWithReflection_WritesItsProperties()
    {
        Write(new Dictionary<string, object?> { ["custom"] = new Custom(3) }, AdditionalParameterJson.CreateOptions(reflection: true))
            .ShouldBe("""{"custom":{"Level":3}}""");
    }

    [Fact]
    public void Write_ObjectOfOwnTypeWithoutReflection_ThrowsInvalidRequestNamingParameterAndType()
    {
        var error = Should.Throw<OpenCodeException>(() =>
            Write(new Dictionary<string, object?> { ["custom"] = new Custom(3) }, AdditionalParameterJson.CreateOptions(reflection: false)));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        error.Message.ShouldContain("'custom' is a Custom");
    }

    private static string Write(Dictionary<string, object?> values, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in values)
            {
                json.WritePropertyName(name);
                AdditionalParameterJson.Write(json, name, value, options);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public sealed record Custom(int Level);
}
