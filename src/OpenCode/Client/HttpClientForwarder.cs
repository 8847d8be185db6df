namespace OpenCode.Client;

/// <summary>
/// The transport when the caller supplied the <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>): hands each
/// request to it, returning as soon as the headers arrive so a stream is read as it comes. The client stays the caller's.
/// </summary>
internal sealed class HttpClientForwarder(HttpClient client) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
