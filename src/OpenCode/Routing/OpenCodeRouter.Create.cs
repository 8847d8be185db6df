using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Alerts;
using OpenCode.Auth;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Storage;

namespace OpenCode.Routing;

public sealed partial class OpenCodeRouter
{
    /// <summary>Creates a router with one <see cref="OpenCodeProvider"/> per instance; nothing is contacted until first use.</summary>
    /// <param name="options">The settings; validated here, each instance with the top-level settings it inherits.</param>
    /// <param name="httpClientFor">Gives the HTTP client of an instance by name; <see langword="null"/> lets each provider create its own.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> logs nothing.</param>
    /// <param name="timeProvider">The clock for probes, cooldowns and the cache; <see langword="null"/> uses the system clock.</param>
    /// <param name="stores">
    /// The state every instance shares: the usage ledger and limits (each instance's provider records into it under the instance's
    /// name), the response cache and the health shared with other app instances; <see langword="null"/> keeps usage in memory and
    /// turns the response cache, offline fallback and health sharing off.
    /// </param>
    /// <param name="alerts">Where quota, error-rate and latency alerts go; <see langword="null"/> logs them.</param>
    /// <param name="credentialStore">Where instances' <c>auth.credential</c> names are looked up.</param>
    /// <param name="random">The randomness of the load-balancing policies; <see langword="null"/> uses <see cref="Random.Shared"/>.</param>
    /// <param name="localModels">Runs instances' <c>modelPath</c> (the OpenCode.Local package); <see langword="null"/> when no instance has one.</param>
    /// <returns>The router; dispose it to stop its health probes and its providers.</returns>
    /// <exception cref="OpenCodeConfigurationException">A setting is invalid, or no instance is configured.</exception>
    public static OpenCodeRouter Create(
        OpenCodeOptions options,
        Func<string, HttpClient>? httpClientFor = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        OpenCodeStores? stores = null,
        IAlertSink? alerts = null,
        ICredentialStore? credentialStore = null,
        Random? random = null,
        Local.ILocalModelBackendFactory? localModels = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OpenCodeOptionsValidator.ValidateOrThrow(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var time = timeProvider ?? TimeProvider.System;
        var ledger = stores ?? OpenCodeStores.CreateInMemory();
        var instances = options.Instances.Select((i, index) => (IRoutedInstance)new ProviderInstance(
            i.Name,
            CreateProvider(index, () => new OpenCodeProvider(
                EndpointSettings.ForInstance(options, i), httpClientFor?.Invoke(i.Name), loggerFactory, time, ledger, alerts, credentialStore)
            {
                EndpointName = i.Name,
                LocalModels = localModels,

                // Failing over to another instance is the router's retry: an instance that fails is not tried again after a
                // backoff while a healthy one waits. Its circuit breaker and timeouts stay.
                RetriesEnabled = false,
            }),
            time)).ToList();
        var dependencies = new RouterDependencies(options, time, random ?? Random.Shared, loggerFactory.CreateLogger("OpenCode.Routing"), stores?.Cache, stores?.Health);
        return new OpenCodeRouter(instances, dependencies);
    }

    /// <summary>Builds an instance's provider; a setting it rejects is named by its path under <c>instances[i]</c>, where the user wrote it.</summary>
    private static OpenCodeProvider CreateProvider(int index, Func<OpenCodeProvider> create)
    {
        try
        {
            return create();
        }
        catch (OpenCodeConfigurationException ex)
        {
            var errors = ex.Errors.Select(error => $"instances[{index}].{error}").ToList();
            throw new OpenCodeConfigurationException(string.Join("; ", errors), errors);
        }
    }
}
