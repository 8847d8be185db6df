using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Auth;

namespace OpenCode.Client;

/// <summary>
/// The wire client for one OpenAI-compatible server (llama.cpp, vLLM, Ollama, TGI, LM Studio, LocalAI, an OpenCode API):
/// chat and plain completions, streamed or not, models, health and the OpenCode extras.
/// </summary>
/// <remarks>Thread-safe. Enforces its own timeouts, so the <see cref="HttpClient"/> should have an infinite <see cref="HttpClient.Timeout"/>.</remarks>
internal sealed partial class OpenCodeClient : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpMessageInvoker _http;
    private readonly OpenCodeClientOptions _options;
    private readonly ServerEndpoints _endpoints;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IAuthenticationProvider? _auth;

    /// <summary>Initializes a new instance of the <see cref="OpenCodeClient"/> class.</summary>
    /// <param name="options">Where the server is, the key and the timeouts.</param>
    /// <param name="httpClient">
    /// The HTTP client to use (from <c>IHttpClientFactory</c>); <see langword="null"/> creates one with <see cref="CreateHttpClient"/>.
    /// A client of your own should have an infinite timeout and a <see cref="SocketsHttpHandler"/> with <c>MaxResponseDrainSize = 0</c>,
    /// or a cancelled stream keeps the server generating while .NET drains the connection (up to 2 s).
    /// </param>
    /// <param name="timeProvider">The clock; <see langword="null"/> uses the system clock.</param>
    /// <param name="logger">The logger; never receives credentials, and prompt text only at Trace.</param>
    public OpenCodeClient(OpenCodeClientOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _endpoints = new ServerEndpoints(options.Endpoint);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _auth = options.Authentication
            ?? (string.IsNullOrEmpty(options.ApiKey) ? null : new ApiKeyAuthentication(options.ApiKey, options.ApiKeyHeaderName, options.ApiKeyScheme));
        TransportSecurity.EnsureSecure(options.Endpoint, options.AllowInsecureHttp, "apiEndpoint");


        // The transport (the caller's client, or a handler of our own), with authentication and its 401 refresh in front of it.
#pragma warning disable CA2000 // The invoker owns and disposes the handlers; a caller's HttpClient is not disposed by the forwarder.
        HttpMessageHandler transport = httpClient is null ? HttpHandlerFactory.Create(options.ConnectTimeout) : new HttpClientForwarder(httpClient);
        _http = new HttpMessageInvoker(_auth is null ? transport : new AuthenticationHandler(_auth, _logger) { InnerHandler = transport }, disposeHandler: true);
#pragma warning restore CA2000
    }

    /// <summary>Gets a description of the credential the client sends, safe to show; <see langword="null"/> when it sends none.</summary>
    public string? CredentialDescription => _auth?.Description;

    /// <summary>Gets the server root URL (without <c>/v1</c>).</summary>
    public Uri ServerRoot => _endpoints.Root;

    /// <summary>Creates an HTTP client suited to long local generations: no overall timeout, a connect timeout, pooled connections recycled.</summary>
    /// <param name="connectTimeout">The connect timeout.</param>
    /// <returns>The client; the caller disposes it.</returns>
    public static HttpClient CreateHttpClient(TimeSpan connectTimeout)
    {
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler.
        return new HttpClient(HttpHandlerFactory.Create(connectTimeout), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private RequestWatchdog StartWatchdog(bool streaming, CancellationToken cancellationToken)
    {
        // Waiting for the first token and the gaps between chunks are bounded; a healthy stream is not, unless a cap is set.
        return new RequestWatchdog(
            _timeProvider,
            streaming ? _options.FirstTokenTimeout ?? _options.Timeout : _options.Timeout,
            streaming ? _options.IdleTimeout : TimeSpan.MaxValue,
            _options.MaxRequestDuration ?? TimeSpan.MaxValue,
            cancellationToken);
    }

    /// <summary>Sends a request and returns a successful response, or throws the classified error.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, ReadOnlyMemory<byte>? body, bool streaming, RequestWatchdog watchdog,
        string operationCode, string operation, CancellationToken callerToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is { } content)
            {
                request.Content = new ReadOnlyMemoryContent(content);
                request.Content.Headers.ContentType = JsonContentType;
            }

            if (streaming)
            {
                request.Headers.Accept.ParseAdd("text/event-stream");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, watchdog.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt == 0 && TransportErrors.IsStaleConnection(ex))
            {
                // A pooled connection the server had closed: the request never reached it, so send it once more.
                ClientLog.RetryingStaleConnection(_logger, uri.AbsolutePath);
                continue;
            }
            catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, callerToken, operation, _endpoints.Root) is { } translated)
            {
                throw translated;
            }

            if (response.IsSuccessStatusCode)
            {
                // Not every handler links the two; what the server sends back later is masked against what this request carried.
                response.RequestMessage ??= request;
                return response;
            }

            using (response)
            {
                // A server may repeat the credential it rejected: mask what the request carried (the resend after a 401
                // refresh carries the new one) before the body reaches an error or a log.
                var errorBody = MaskSecrets(await ReadErrorBodyAsync(response, watchdog.Token).ConfigureAwait(false), response.RequestMessage ?? request);
                var retryAfter = RetryAfterParser.Parse(response.Headers, _timeProvider);
                ClientLog.RequestFailed(_logger, operation, (int)response.StatusCode);
                throw ErrorClassifier.FromResponse(
                    operationCode, operation, response.StatusCode, errorBody, retryAfter, uri, _auth?.Description, response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var total = 0;
                int read;
                while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return total == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, total);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }
}
