using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Routing;

namespace OpenCode.Tests.Routing;

public sealed class RoutingConfigurationTests
{
    private const string TwoInstances = """
        {
          "apiEndpoint": "http://127.0.0.1:9000",
          "auth": { "apiKey": "top" },
          "rateLimits": { "requestsPerMinute": 30 },
          "models": { "defaultModel": "m" },
          "instances": [
            { "name": "gpu", "apiEndpoint": "http://127.0.0.1:9001", "auth": { "apiKey": "gpu-key" } },
            { "name": "cpu", "apiEndpoint": "http://127.0.0.1:9002/v1", "rateLimits": { "requestsPerMinute": 5 } }
          ],
          "routing": { "loadBalancing": "roundRobin", "health": { "cooldown": 5 }, "selection": { "rules": [ { "task": "code", "model": "coder" } ] } }
        }
        """;

    [Fact]
    public void Bind_InstancesFromJson_EachGetsItsSettingsAndInheritsTheRest()
    {
        var options = Bind(TwoInstances);

        options.Instances.Select(i => i.Name).ShouldBe(["gpu", "cpu"]);
        options.Routing.LoadBalancing.ShouldBe("roundRobin");
        options.Routing.Health.Cooldown.ShouldBe(5);
        options.Routing.Selection.Rules.Single().Model.ShouldBe("coder");

        var gpu = EndpointSettings.ForInstance(options, options.Instances[0]);
        var cpu = EndpointSettings.ForInstance(options, options.Instances[1]);
        (gpu.ApiEndpoint, gpu.Auth.ApiKey, gpu.RateLimits.RequestsPerMinute).ShouldBe(("http://127.0.0.1:9001", "gpu-key", 30));
        (cpu.ApiEndpoint, cpu.Auth.ApiKey, cpu.RateLimits.RequestsPerMinute).ShouldBe(("http://127.0.0.1:9002/v1", "top", 5));
        cpu.ModelPath.ShouldBeNull();
        cpu.Shared.Routing.ShouldBeSameAs(options.Routing, "every other setting is the top level's own, not a copy");
        cpu.DefaultModel.ShouldBeNull("the router applies the default model to the instances serving it");
        OpenCodeOptionsValidator.GetErrors(options).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_DuplicateNamesAndBadEndpoint_NameTheSettings()
    {
        var options = new OpenCodeOptions
        {
            Instances =
            {
                new InstanceOptions { Name = "a", ApiEndpoint = "http://127.0.0.1:1" },
                new InstanceOptions { Name = "A", ApiEndpoint = "ftp://x" },
                new InstanceOptions { Name = "", ApiEndpoint = "http://127.0.0.1:2", RateLimits = new RateLimitOptions { ConcurrentRequests = 10_001 } },
            },
        };

        OpenCodeOptionsValidator.GetErrors(options).ShouldBe(
            [
                "instances[2].rateLimits.concurrentRequests: 10001 is out of range; allowed 1 to 10000",
                "instances[1].name: 'A' is used by another instance; names must be unique",
                "instances[1].apiEndpoint: 'ftp://x' is not an absolute http or https URI",
                "instances[2].name: must be set",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Create_InstanceAuthBrokenRule_NamesTheSettingUnderItsInstance()
    {
        var options = new OpenCodeOptions
        {
            Instances =
            {
                new InstanceOptions { Name = "a", ApiEndpoint = "http://127.0.0.1:1" },
                new InstanceOptions { Name = "b", ApiEndpoint = "http://127.0.0.1:2", Auth = new AuthOptions { ApiKey = "k", ApiKeyHeader = "bad header" } },
            },
        };

        var ex = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeRouter.Create(options));

        ex.Errors.ShouldHaveSingleItem().ShouldStartWith("instances[1].auth.apiKeyHeader:");
    }

    [Fact]
    public void Bind_UnknownInstanceSetting_IsAnErrorNamingIt()
    {
        var error = Should.Throw<OpenCodeConfigurationException>(() => Bind("""{ "instances": [ { "name": "a", "apiEndpoint": "http://h", "weight": 2 } ] }"""));

        error.Message.ShouldContain("instances[0].weight");
    }

    [Fact]
    public void SchemaValidate_InstanceWithoutEndpoint_IsReported()
    {
        OpenCodeConfigFile.Validate("""{ "instances": [ { "name": "a" } ] }""").ShouldNotBeEmpty();
        OpenCodeConfigFile.Validate(TwoInstances).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddOpenCode_WithInstances_RegistersTheRouterAsProviderAndChatClient()
    {
        await using var services = Services(TwoInstances);

        services.GetRequiredService<IAIProvider>().ShouldBeOfType<OpenCodeRouter>().InstanceNames.ShouldBe(["gpu", "cpu"]);
        services.GetRequiredService<Microsoft.Extensions.AI.IChatClient>().ShouldNotBeNull();
        services.GetRequiredService<ILlmPort>().ShouldNotBeNull();
    }

    [Fact]
    public async Task AddOpenCode_WithoutInstances_KeepsTheSingleEndpointProvider()
    {
        await using var services = Services("""{ "apiEndpoint": "http://127.0.0.1:9000" }""");

        services.GetRequiredService<IAIProvider>().ShouldBeOfType<OpenCodeProvider>();
    }

    private static OpenCodeOptions Bind(string json) => OpenCodeOptionsBinder.Bind(Configuration(json));

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{{ \"OpenCode\": {json} }}"))).Build();

    private static ServiceProvider Services(string json)
    {
        var services = new ServiceCollection();
        services.AddOpenCode(Configuration(json));
        return services.BuildServiceProvider();
    }
}
