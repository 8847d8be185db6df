using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class InstancesHealthCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Health_Json_WithInstances_ReportsEachInstanceAndExits4WhenOneIsDown()
    {
        await using var up = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["coder-a", "coder-b"] });
        var config = CliRun.ConfigFile($$"""
            { "instances": [ { "name": "up", "apiEndpoint": "{{up.Url}}" }, { "name": "down", "apiEndpoint": "http://127.0.0.1:1" } ] }
            """);

        var result = await CliRun.RunAsync("health", "--config", config, "--json");

        result.ExitCode.ShouldBe(4, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var instances = document.RootElement.EnumerateArray().ToList();
        instances.Select(i => i.GetProperty("name").GetString()).ShouldBe(["up", "down"]);
        instances[0].GetProperty("healthy").GetBoolean().ShouldBeTrue();
        instances[0].GetProperty("models").EnumerateArray().Select(m => m.GetString()).ShouldBe(["coder-a", "coder-b"]);
        instances[0].GetProperty("endpoint").GetString().ShouldBe(up.Url + "/");
        instances[1].GetProperty("state").GetString().ShouldBe("unhealthy");
        instances[1].GetProperty("lastError").GetString()!.ShouldContain(OpenCodeErrorCodes.ConnectionFailed);
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_Text_WithInstancesAllUp_PrintsEachAndExits0()
    {
        await using var a = await FakeOpenAiServer.StartAsync();
        await using var b = await FakeOpenAiServer.StartAsync();
        var config = CliRun.ConfigFile($$"""
            { "instances": [ { "name": "a", "apiEndpoint": "{{a.Url}}" }, { "name": "b", "apiEndpoint": "{{b.Url}}/v1" } ] }
            """);

        var result = await CliRun.RunAsync("health", "--config", config);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("a: healthy");
        result.Stdout.ShouldContain("b: healthy");
        result.Stdout.ShouldContain("models: fake-coder");
    }
}
