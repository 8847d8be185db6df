using Microsoft.Extensions.Logging;

namespace OpenCode.Auth;

/// <summary>What building an <see cref="IAuthenticationProvider"/> from settings may need besides them.</summary>
/// <param name="Http">The HTTP client for token endpoints.</param>
/// <param name="RequestTimeout">The most a token request may take.</param>
/// <param name="TimeProvider">The clock.</param>
/// <param name="Logger">The logger; receives no secrets.</param>
/// <param name="Store">Where <c>auth.credential</c> names are looked up, or <see langword="null"/>.</param>
internal sealed record AuthenticationServices(HttpClient Http, TimeSpan RequestTimeout, TimeProvider TimeProvider, ILogger Logger, ICredentialStore? Store);
