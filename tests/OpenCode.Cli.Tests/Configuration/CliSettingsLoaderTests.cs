using OpenCode.Cli.Commands;
using OpenCode.Cli.Configuration;

namespace OpenCode.Cli.Tests.Configuration;

public sealed class CliSettingsLoaderTests
{
    private static readonly string UnusedPrefix = $"OCT{Guid.NewGuid():N}_";

    [Fact(Timeout = 10_000)]
    public async Task LoadAsync_ModelPathWithoutConfiguredTimeout_DirectModeWithLongTimeoutAndBuildIfMissing()
    {
        var model = CliRun.ConfigFile("not really a model");

        var settings = await CliSettingsLoader.LoadAsync(Arguments(modelPath: model), UnusedPrefix, TestContext.Current.CancellationToken);

        settings.IsDirect.ShouldBeTrue();
        settings.IsDemo.ShouldBeFalse();
        settings.DefaultMaxTokens.ShouldBeNull();
        settings.Options.Timeout.ShouldBe(CliSettings.DirectModeTimeout);
        settings.Options.LocalServer.BuildIfMissing.ShouldBeTrue();
    }

    [Fact(Timeout = 10_000)]
    public async Task LoadAsync_ModelPathWithConfiguredTimeout_KeepsConfiguredTimeout()
    {
        var model = CliRun.ConfigFile("not really a model");
        var config = CliRun.ConfigFile("""{ "timeout": 60000 }""");

        var settings = await CliSettingsLoader.LoadAsync(Arguments(modelPath: model, configPath: config), UnusedPrefix, TestContext.Current.CancellationToken);

        settings.Options.Timeout.ShouldBe(60000);
    }

    [Fact(Timeout = 10_000)]
    public async Task LoadAsync_ModelPathOptionOverConfiguredEndpoint_ModelPathWins()
    {
        var model = CliRun.ConfigFile("not really a model");
        var config = CliRun.ConfigFile("""{ "apiEndpoint": "http://127.0.0.1:1" }""");

        var settings = await CliSettingsLoader.LoadAsync(Arguments(modelPath: model, configPath: config), UnusedPrefix, TestContext.Current.CancellationToken);

        settings.IsDirect.ShouldBeTrue();
        settings.Options.ApiEndpoint.ShouldBeNull();
        settings.Options.ModelPath.ShouldBe(model);
    }

    [Fact(Timeout = 10_000)]
    public async Task LoadAsync_Endpoint_NotDirectAndLibraryTimeoutKept()
    {
        var settings = await CliSettingsLoader.LoadAsync(Arguments(endpoint: "http://127.0.0.1:1"), UnusedPrefix, TestContext.Current.CancellationToken);

        settings.IsDirect.ShouldBeFalse();
        settings.Options.Timeout.ShouldBe(30000);
        settings.Options.LocalServer.BuildIfMissing.ShouldBeFalse();
    }

    private static CommonArguments Arguments(string? endpoint = null, string? modelPath = null, string? configPath = null) =>
        new(endpoint, modelPath, Model: null, ApiKey: null, configPath, Json: false, Verbose: false);
}
