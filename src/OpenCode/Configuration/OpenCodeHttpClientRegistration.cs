using Microsoft.Extensions.Options;
using OpenCode.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the named <see cref="HttpClient"/> OpenCode sends its requests through.</summary>
internal static class OpenCodeHttpClientRegistration
{
    /// <summary>How long a pooled connection lives, so DNS changes and server restarts are picked up.</summary>
    internal static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    internal static void Add(IServiceCollection services) =>
        services.AddHttpClient(OpenCodeOptions.HttpClientName)
            // OpenCode enforces its own connect, first-token, idle and total timeouts; HttpClient's 100 s default
            // would cut long local generations short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => CreateHandler(provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value))
            // The pooled connection lifetime already recycles connections; rotating handlers too would only drop warm ones.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    internal static SocketsHttpHandler CreateHandler(OpenCodeOptions options) => new()
    {
        ConnectTimeout = TimeSpan.FromMilliseconds(options.ConnectTimeout),
        PooledConnectionLifetime = PooledConnectionLifetime,
        // A redirect could carry a request (and its bearer token) to another host; servers here never need one.
        AllowAutoRedirect = false,
    };
}
