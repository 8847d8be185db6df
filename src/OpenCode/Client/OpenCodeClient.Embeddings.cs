using System.Net;
using OpenCode.Pipeline;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    private const string EmbeddingsOperation = "Embeddings";

    /// <summary>
    /// Sends one batch of an embeddings request: <c>/v1/embeddings</c>, or Ollama's native <c>/api/embed</c> (exact token counts). A server
    /// without the endpoint (llama-server started without <c>--embeddings</c> answers 501; others 404) is CAPABILITY_NOT_SUPPORTED naming it.
    /// </summary>
    internal async Task<EmbeddingAnswer> EmbedAsync(GenerationRequest wire, bool ollama, CancellationToken cancellationToken)
    {
        var request = wire.Embedding ?? throw new ArgumentException("An embeddings request carries its inputs in GenerationRequest.Embedding.", nameof(wire));
        var uri = ollama ? _endpoints.OllamaEmbed : _endpoints.Embeddings;
        var body = EmbeddingBodyWriter.Write(request, wire.Model);
        using var watchdog = StartWatchdog(streaming: false, cancellationToken);
        ClientLog.Sending(_logger, EmbeddingsOperation, uri.AbsolutePath, false);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Post, uri, body, false, watchdog, OpenCodeErrorCodes.CompletionFailed, EmbeddingsOperation, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OpenCodeException ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.Code != OpenCodeErrorCodes.ModelNotFound)
        {
            throw NotFound(ex, uri, ollama, wire.Model);
        }

        using (response)
        {
            using var document = await ReadJsonAsync(response, watchdog, EmbeddingsOperation, cancellationToken).ConfigureAwait(false);
            ThrowIfErrorAnswer(document.RootElement, OpenCodeErrorCodes.CompletionFailed, EmbeddingsOperation, response.RequestMessage);

            return EmbeddingResponseParser.Parse(document.RootElement, request, wire.Model, ollama);
        }
    }

    /// <summary>
    /// A 404: Ollama answers an unknown model with a JSON error text on an endpoint it has (MODEL_NOT_FOUND); otherwise (a plain-text
    /// 404 from an Ollama before <c>/api/embed</c>, a server without <c>/v1/embeddings</c>) the endpoint is missing.
    /// </summary>
    private static OpenCodeException NotFound(OpenCodeException error, Uri uri, bool ollama, string? model) =>
        ollama && ErrorClassifier.OllamaUnknownModel(error, EmbeddingsOperation, model) is { Code: OpenCodeErrorCodes.ModelNotFound } unknown
            ? unknown
            : new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                $"{EmbeddingsOperation} failed: the server has no embeddings endpoint ({uri.GetLeftPart(UriPartial.Path)} answered 404).",
                error.StatusCode,
                error.ErrorBody);
}
