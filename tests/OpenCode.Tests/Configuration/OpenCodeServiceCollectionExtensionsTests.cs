using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddOpenCode(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddOpenCode_ValidConfiguration_BindsOptions()
    {
        using var provider = Build(("OpenCode:apiEndpoint", "http://127.0.0.1:8080"), ("OpenCode:rateLimits:concurrentRequests", "2"));

        var options = provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value;

        options.ApiEndpoint.ShouldBe("http://127.0.0.1:8080");
        options.RateLimits.ConcurrentRequests.ShouldBe(2);
    }

    [Fact]
    public void AddOpenCode_OutOfRangeValue_OptionsAccessThrowsValidationNamingPath()
    {
        using var provider = Build(("OpenCode:rateLimits:requestsPerMinute", "0"));

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value);

        error.Failures.ShouldHaveSingleItem().ShouldBe("rateLimits.requestsPerMinute: 0 is out of range; allowed 1 to 1000000");
    }

    [Fact]
    public void AddOpenCode_OutOfRangeValue_StartupValidationFails()
    {
        using var provider = Build(("OpenCode:timeout", "1"));

        // IStartupValidator is what the host runs on start for ValidateOnStart.
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain("timeout: 1 is out of range; allowed 5000 to 300000");
    }

    [Fact]
    public async Task AddOpenCode_OutOfRangeValueInHost_StartFailsNamingPath()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("OpenCode:rateLimits:maxQueueSize", "5")]);
        builder.Services.AddOpenCode(builder.Configuration);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Failures.ShouldHaveSingleItem().ShouldBe("rateLimits.maxQueueSize: 5 is out of range; allowed 10 to 100000");
    }

    [Fact]
    public void AddOpenCode_WrongType_OptionsAccessThrowsInvalidConfiguration()
    {
        using var provider = Build(("OpenCode:timeout", "abc"));

        Should.Throw<OpenCodeConfigurationException>(() => provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value)
            .Errors.ShouldHaveSingleItem().ShouldContain("configuration key 'OpenCode:timeout'");
    }

    [Fact]
    public void AddOpenCode_ActionOverload_ValidatesToo()
    {
        var services = new ServiceCollection();
        var builder = services.AddOpenCode(o => o.IdleTimeout = 1);
        using var provider = services.BuildServiceProvider();

        builder.Services.ShouldBeSameAs(services);
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value)
            .Failures.ShouldHaveSingleItem().ShouldStartWith("idleTimeout: 1 is out of range");
    }

    [Fact]
    public void AddOpenCode_NamedHttpClient_HasInfiniteTimeout()
    {
        using var provider = Build();

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenCodeOptions.HttpClientName);

        client.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void AddOpenCode_PrimaryHandler_UsesConnectTimeoutAndNoRedirects()
    {
        using var provider = Build(("OpenCode:connectTimeout", "1234"));

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(OpenCodeOptions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var sockets = handler.ShouldBeOfType<SocketsHttpHandler>();
        sockets.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(1234));
        sockets.AllowAutoRedirect.ShouldBeFalse();
        sockets.PooledConnectionLifetime.ShouldBe(TimeSpan.FromMinutes(2));
        sockets.MaxResponseDrainSize.ShouldBe(0);
    }

    [Fact]
    public void AddOpenCode_TimeProvider_IsSystemUnlessAlreadyRegistered()
    {
        var custom = new FixedTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(custom);
        services.AddOpenCode(_ => { });
        using var provider = services.BuildServiceProvider();
        using var plain = Build();

        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(custom);
        plain.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
    }

    private sealed class FixedTimeProvider : TimeProvider;
}
