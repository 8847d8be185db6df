using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCode;
using OpenCode.Alerts;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Quotas;
using OpenCode.Routing;
using OpenCode.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds OpenCode to a service collection.</summary>
public static class OpenCodeServiceCollectionExtensions
{
    /// <summary>
    /// Adds OpenCode with options bound from <paramref name="configuration"/> (section <c>OpenCode</c>, or top-level keys),
    /// checked by <see cref="OpenCodeOptionsValidator"/> when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration to bind; see <see cref="OpenCodeConfigurationExtensions.GetOpenCodeOptions"/>.</param>
    /// <returns>A builder to configure OpenCode further.</returns>
    /// <remarks>
    /// Out-of-range values fail with <see cref="OptionsValidationException"/>; unknown keys and values of the wrong type fail
    /// with <see cref="OpenCode.OpenCodeConfigurationException"/>, both when the host starts or the options are first read.
    /// </remarks>
    public static IOpenCodeBuilder AddOpenCode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OpenCodeOptions>().Configure(options => OpenCodeOptionsBinder.BindInto(configuration, options));
        services.AddSingleton<IOptionsChangeTokenSource<OpenCodeOptions>>(new ConfigurationChangeTokenSource<OpenCodeOptions>(configuration));
        return AddCore(services);
    }

    /// <summary>Adds OpenCode with options set in code, checked by <see cref="OpenCodeOptionsValidator"/> when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to configure OpenCode further.</returns>
    public static IOpenCodeBuilder AddOpenCode(this IServiceCollection services, Action<OpenCodeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenCodeOptions>().Configure(configure);
        return AddCore(services);
    }

    private static OpenCodeBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<OpenCodeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenCodeOptions>, OpenCodeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        AddStateAndQuotas(services);
        OpenCodeHttpClientRegistration.Add(services);

        services.TryAddSingleton(sp => new OpenCodeProvider(
            sp.GetRequiredService<IOptions<OpenCodeOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenCodeOptions.HttpClientName),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<OpenCodeStores>(),
            sp.GetRequiredService<IAlertSink>(),
            sp.GetService<OpenCode.Auth.ICredentialStore>())
        {
            LocalModels = sp.GetService<OpenCode.Local.ILocalModelBackendFactory>(),
        });
        services.TryAddSingleton(CreateRouter);

        // With instances configured the router is the provider; otherwise the single-endpoint provider is, as before.
        services.TryAddSingleton<IAIProvider>(sp => sp.GetRequiredService<IOptions<OpenCodeOptions>>().Value.Instances.Count > 0
            ? sp.GetRequiredService<OpenCodeRouter>()
            : sp.GetRequiredService<OpenCodeProvider>());
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<IAIProvider>().AsIChatClient());
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<IAIProvider>().AsIEmbeddingGenerator());
        services.TryAddSingleton<ILlmPort>(sp => new OpenCodeLlmPort(sp.GetRequiredService<IAIProvider>(), ownsProvider: false));
        return new OpenCodeBuilder(services);
    }

    private static OpenCodeRouter CreateRouter(IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpClientFactory>();
        return OpenCodeRouter.Create(
            services.GetRequiredService<IOptions<OpenCodeOptions>>().Value,
            _ => http.CreateClient(OpenCodeOptions.HttpClientName),
            services.GetService<ILoggerFactory>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<OpenCodeStores>(),
            services.GetRequiredService<IAlertSink>(),
            services.GetService<OpenCode.Auth.ICredentialStore>(),
            localModels: services.GetService<OpenCode.Local.ILocalModelBackendFactory>());
    }

    /// <summary>In-memory stores (replaced by <c>UsePostgresStores</c> or <c>UseSqliteStores</c>), the logging alert sink, pricing and quotas.</summary>
    private static void AddStateAndQuotas(IServiceCollection services)
    {
        services.TryAddSingleton(_ => OpenCodeStores.CreateInMemory());
        services.TryAddSingleton<IAlertSink>(sp => new LoggingAlertSink(
            sp.GetService<ILoggerFactory>()?.CreateLogger<LoggingAlertSink>() ?? NullLogger<LoggingAlertSink>.Instance));
        services.TryAddSingleton(sp => new CostCalculator(sp.GetRequiredService<IOptions<OpenCodeOptions>>().Value.Pricing));
        services.TryAddSingleton(sp => new QuotaEnforcer(
            sp.GetRequiredService<OpenCodeStores>().Usage,
            sp.GetRequiredService<IOptions<OpenCodeOptions>>().Value.Quotas,
            sp.GetService<IAlertSink>(),
            sp.GetRequiredService<TimeProvider>()));
    }
}
