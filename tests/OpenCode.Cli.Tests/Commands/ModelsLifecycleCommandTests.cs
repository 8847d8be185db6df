using System.Collections.Concurrent;
using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class ModelsLifecycleCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Models_RouterMode_TableShowsWhatIsLoaded()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = States() });

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Stdout.Split('\n');
        lines.ShouldContain(line => line.Contains("state", StringComparison.Ordinal));
        lines.Single(line => line.Contains("alpha", StringComparison.Ordinal)).ShouldContain(" loaded");
        lines.Single(line => line.Contains("beta", StringComparison.Ordinal)).ShouldContain("unloaded");
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_RouterModeJson_StatePerModel()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = States() });

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("state").GetString()))
            .ShouldBe([("alpha", "loaded"), ("beta", "unloaded")]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_SingleModelServer_NoStateColumn()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldNotContain("state");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("load", "beta", "loaded")]
    [InlineData("unload", "alpha", "unloaded")]
    public async Task ModelsLoadUnload_RouterMode_ChangesStateAndExitsZero(string verb, string model, string expected)
    {
        var states = States();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = states });

        var result = await CliRun.RunAsync("models", verb, model, "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain($"{expected} {model}");
        states[model].ShouldBe(expected);
        server.LastBody($"/models/{verb}").GetProperty("model").GetString().ShouldBe(model);
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsLoad_UnknownModel_UsageExitCodeNamingModels()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = States() });

        var result = await CliRun.RunAsync("models", "load", "gamma", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("MODEL_NOT_FOUND");
        result.Stderr.ShouldContain("alpha");
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsLoad_SingleModelServer_CapabilityNotSupportedExitCode()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("models", "load", "fake-coder", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("CAPABILITY_NOT_SUPPORTED");
        server.Requests.ShouldNotContain(r => r.Path == "/models/load");
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsLoad_Instances_LoadsOnEveryInstanceServingTheModelOnly()
    {
        var aStates = States();
        var bStates = new ConcurrentDictionary<string, string>(StringComparer.Ordinal) { ["beta"] = "unloaded" };
        var cStates = new ConcurrentDictionary<string, string>(StringComparer.Ordinal) { ["gamma"] = "unloaded" };
        await using var a = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = aStates });
        await using var b = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = bStates });
        await using var c = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = cStates });
        var config = CliRun.ConfigFile($$"""
            { "instances": [ { "name": "a", "apiEndpoint": "{{a.Url}}" }, { "name": "b", "apiEndpoint": "{{b.Url}}" }, { "name": "c", "apiEndpoint": "{{c.Url}}" } ] }
            """);

        var result = await CliRun.RunAsync("models", "load", "beta", "--config", config);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("loaded beta on a");
        result.Stdout.ShouldContain("loaded beta on b");
        aStates["beta"].ShouldBe("loaded");
        bStates["beta"].ShouldBe("loaded");
        c.Requests.ShouldNotContain(r => r.Path == "/models/load");
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsUnload_InstancesOneDown_UnloadsWhereItCanAndExitsWithTheFailure()
    {
        var states = States();
        await using var up = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = states });
        var config = CliRun.ConfigFile($$"""
            { "instances": [ { "name": "down", "apiEndpoint": "http://127.0.0.1:1" }, { "name": "up", "apiEndpoint": "{{up.Url}}" } ] }
            """);

        var result = await CliRun.RunAsync("models", "unload", "alpha", "--config", config);

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Stdout.ShouldContain("unloaded alpha on up");
        result.Stderr.ShouldContain("instance down: " + OpenCodeErrorCodes.ConnectionFailed);
        states["alpha"].ShouldBe("unloaded");
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsLoad_InstancesNoneServesIt_ModelNotFoundNamingTheInstances()
    {
        await using var a = await FakeOpenAiServer.StartAsync(new FakeServerOptions { RouterStates = States() });
        var config = CliRun.ConfigFile($$"""
            { "instances": [ { "name": "a", "apiEndpoint": "{{a.Url}}" } ] }
            """);

        var result = await CliRun.RunAsync("models", "load", "gamma", "--config", config);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("MODEL_NOT_FOUND");
        result.Stderr.ShouldContain("instances: a");
        a.Requests.ShouldNotContain(r => r.Path == "/models/load");
    }

    private static ConcurrentDictionary<string, string> States() => new(StringComparer.Ordinal) { ["alpha"] = "loaded", ["beta"] = "unloaded" };
}
