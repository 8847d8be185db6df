using System.Text.Json;
using OpenCode.Models;
using OpenCode.Models.Lifecycle;

namespace OpenCode.Tests.Models.Lifecycle;

public sealed class RouterModelStateTests
{
    // Status objects as llama-server de3ff81 in router mode reports them in GET /models.
    [Theory]
    [InlineData("""{"value":"unloaded","args":["llama-server","--port","0"]}""", ModelLoadState.Unloaded)]
    [InlineData("""{"value":"loading"}""", ModelLoadState.Loading)]
    [InlineData("""{"value":"loaded","args":[]}""", ModelLoadState.Loaded)]
    [InlineData("""{"value":"sleeping"}""", ModelLoadState.Sleeping)]
    [InlineData("""{"value":"unloaded","exit_code":1,"failed":true}""", ModelLoadState.Failed)]
    [InlineData("""{"value":"loading","exit_code":1,"failed":true}""", ModelLoadState.Loading)]
    public void From_RouterStatus_State(string status, ModelLoadState expected)
    {
        using var document = JsonDocument.Parse(status);

        RouterModelState.From(document.RootElement).ShouldNotBeNull().State.ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"value":"hibernating"}""")]
    [InlineData("\"loaded\"")]
    public void From_UnknownStatus_Null(string status)
    {
        using var document = JsonDocument.Parse(status);

        RouterModelState.From(document.RootElement).ShouldBeNull();
    }

    [Fact]
    public void From_FailedLoad_KeepsExitCode()
    {
        using var document = JsonDocument.Parse("""{"value":"unloaded","exit_code":3,"failed":true}""");

        RouterModelState.From(document.RootElement)!.Value.ExitCode.ShouldBe(3);
    }
}
