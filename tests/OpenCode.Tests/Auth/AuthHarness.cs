using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Configuration;

namespace OpenCode.Tests.Auth;

/// <summary>Builds clients whose credentials come from <see cref="AuthOptions"/>, as the provider builds them.</summary>
internal static class AuthHarness
{
    public static async Task<OpenCodeClient> CreateClientAsync(
        Uri endpoint, AuthOptions auth, TimeProvider clock, HttpClient http, ICredentialStore? store = null, ILogger? logger = null)
    {
        var services = new AuthenticationServices(http, TimeSpan.FromSeconds(10), clock, logger ?? NullLogger.Instance, store);
        var authentication = await AuthenticationFactory.CreateAsync(auth, endpoint, services, TestContext.Current.CancellationToken);
        var options = new OpenCodeClientOptions { Endpoint = endpoint, Authentication = authentication, AllowInsecureHttp = auth.AllowInsecureHttp };
        return new OpenCodeClient(options, http, clock, logger);
    }

    public static AuthOptions ClientCredentials(TokenServer server) => new()
    {
        Oauth2 = { TokenUrl = server.TokenUrl.ToString(), ClientId = TokenServer.ClientId, ClientSecret = TokenServer.ClientSecret, Scopes = ["models.read"] },
    };
}
