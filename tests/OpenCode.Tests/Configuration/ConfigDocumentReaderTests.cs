using System.Text.Json;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class ConfigDocumentReaderTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(OpenCodeConfigFile.SchemaJson).RootElement;

    [Fact]
    public void TryRead_ValuesOnSeveralLines_SiteIsLineAndCharacterPositionOfTheirLastCharacter()
    {
        const string Json = "{\r\n  \"timeout\": 6000,\n  \"models\": {\n    \"enabledModels\": [\"é\", \"b\"]\n  }\n}";

        ConfigDocumentReader.TryRead(Json, Schema, out var document, out _).ShouldBeTrue();

        document.Sites[string.Empty].ShouldBe(new ConfigValueSite("(root)", 1, 1));
        document.Sites["/timeout"].ShouldBe(new ConfigValueSite("timeout", 2, 17));
        document.Sites["/models"].ShouldBe(new ConfigValueSite("models", 3, 13));
        document.Sites["/models/enabledModels/1"].ShouldBe(new ConfigValueSite("models.enabledModels[1]", 4, 30));
    }

    [Fact]
    public void TryRead_NamesInAnotherCase_TakeTheSchemasSpellingAndKeepTheWrittenPath()
    {
        ConfigDocumentReader.TryRead("""{ "RateLimits": { "RequestsPerMinute": 10 }, "Unknown": 1 }""", Schema, out var document, out _)
            .ShouldBeTrue();

        document.Root.GetProperty("rateLimits").GetProperty("requestsPerMinute").GetInt32().ShouldBe(10);
        document.Root.TryGetProperty("Unknown", out _).ShouldBeTrue();
        document.Sites["/rateLimits/requestsPerMinute"].Path.ShouldBe("RateLimits.RequestsPerMinute");
    }

    [Fact]
    public void TryRead_CommentsAndTrailingCommas_AreAllowed()
    {
        const string Json = "// settings\n{ \"timeout\": 6000, /* ms */ \"models\": { \"enabledModels\": [\"a\",], }, }\n// end";

        ConfigDocumentReader.TryRead(Json, Schema, out var document, out var error).ShouldBeTrue(error);

        document.Root.GetProperty("models").GetProperty("enabledModels").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public void TryRead_UnclosedObject_ReportsOneBasedLineAndPosition()
    {
        ConfigDocumentReader.TryRead("{\n  \"timeout\": 6000,\n  \"models\": { \n}", Schema, out _, out var error).ShouldBeFalse();

        error.ShouldStartWith("invalid JSON at line 4, position 2: ");
        error.ShouldNotContain("LineNumber");
    }

    [Fact]
    public void TryRead_NumbersAndStrings_KeepTheirText()
    {
        ConfigDocumentReader.TryRead("""{ "defaultTemperature": 0.20, "models": { "defaultModel": "a\u00e9\"b" } }""", Schema, out var document, out _)
            .ShouldBeTrue();

        document.Root.GetProperty("defaultTemperature").GetRawText().ShouldBe("0.20");
        document.Root.GetProperty("models").GetProperty("defaultModel").GetString().ShouldBe("aé\"b");
    }
}
