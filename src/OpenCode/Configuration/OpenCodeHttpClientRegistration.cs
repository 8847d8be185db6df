using Microsoft.Extensions.Options;
using OpenCode.Client;
using OpenCode.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the named <see cref="HttpClient"/> OpenCode sends its requests through.</summary>
internal static class OpenCodeHttpClientRegistration
{
    internal static void Add(IServiceCollection services) =>
        services.AddHttpClient(OpenCodeOptions.HttpClientName)
            // OpenCode enforces its own connect, first-token, idle and total timeouts; HttpClient's 100 s default
            // would cut long local generations short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => CreateHandler(provider.GetRequiredService<IOptions<OpenCodeOptions>>().Value))
            // The pooled connection lifetime already recycles connections; rotating handlers too would only drop warm ones.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    internal static SocketsHttpHandler CreateHandler(OpenCodeOptions options) =>
        HttpHandlerFactory.Create(TimeSpan.FromMilliseconds(options.ConnectTimeout));
}
