using OpenCode.Configuration;
using OpenCode.Models;

namespace OpenCode.Tests.Models;

public sealed class DialectOptionTests
{
    [Fact]
    public void Validate_UnknownDialect_NamesTheSettingAndTheAllowedValues()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:8080", Models = { Dialect = "koboldcpp" } };

        var ex = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsValidator.ValidateOrThrow(options));

        ex.Message.ShouldContain("models.dialect");
        ex.Message.ShouldContain("auto, llama.cpp, ollama, vllm, tgi, opencode, openai");
    }

    [Fact]
    public void Validate_EveryKnownDialect_IsAccepted()
    {
        foreach (var dialect in ServerDialects.All)
        {
            OpenCodeOptionsValidator.ValidateOrThrow(new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:8080", Models = { Dialect = dialect } });
        }
    }
}
