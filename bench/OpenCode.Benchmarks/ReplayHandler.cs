using System.Net;
using System.Net.Http.Headers;

namespace OpenCode.Benchmarks;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers from memory, with no socket and no server: the chat completion's body is a
/// read-only <see cref="MemoryStream"/> over the replay body. Every read completes synchronously, so a whole stream runs on the
/// calling thread and allocation deltas measure the client alone.
/// </summary>
internal sealed class ReplayHandler(ReplayTranscript transcript) : HttpMessageHandler
{
    /// <summary>Gets the address clients use: loopback, so no transport rule treats it as another machine; no socket is opened.</summary>
    public static Uri Root { get; } = new("http://127.0.0.1:9/");

    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            // Serialize the request body as a transport would.
            await content.CopyToAsync(Stream.Null, cancellationToken);
        }

        var path = request.RequestUri!.AbsolutePath;
        return path switch
        {
            "/v1/chat/completions" => Respond(transcript.Body, EventStream),
            "/v1/models" => Respond(ReplayTranscript.ModelsJson, Json),
            "/props" => Respond(ReplayTranscript.PropsJson, Json),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request },
        };

        HttpResponseMessage Respond(byte[] body, MediaTypeHeaderValue type)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StreamContent(new MemoryStream(body, writable: false)),
            };
            response.Content.Headers.ContentType = type;
            return response;
        }
    }
}
