using System.Buffers;
using System.Text.Json;
using OpenCode.Pipeline;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>Streams a fill-in-the-middle completion from llama.cpp's <c>/infill</c>, which uses the FIM tokens of the model file itself.</summary>
    /// <param name="request">The prefix, suffix, extra files and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage (from llama.cpp's <c>timings</c>).</returns>
    /// <exception cref="OpenCodeException">CAPABILITY_NOT_SUPPORTED when the model has no FIM tokens (the server answers 501) or the server has no <c>/infill</c>.</exception>
    public IAsyncEnumerable<MessageChunk> StreamInfillAsync(InfillRequest request, string? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(ToWire(request, model), defaultTemperature: null, cancellationToken);
    }

    /// <summary>Splits a text into the pieces of its tokens with llama.cpp's <c>/tokenize</c>, special tokens parsed; <see langword="null"/> when the server has no <c>/tokenize</c>.</summary>
    /// <param name="content">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The text of each token (a piece that is not valid UTF-8 is empty), or <see langword="null"/>.</returns>
    public Task<IReadOnlyList<string>?> TokenizeAsync(string content, CancellationToken cancellationToken = default) =>
        TokenizeAsync(content, asDiscovery: false, cancellationToken);

    /// <summary>As the public <see cref="TokenizeAsync(string, CancellationToken)"/>; with <paramref name="asDiscovery"/> the answer is shared as discovery is (the vocabulary probe).</summary>
    internal async Task<IReadOnlyList<string>?> TokenizeAsync(string content, bool asDiscovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("content", content);
            json.WriteBoolean("add_special", false);
            json.WriteBoolean("parse_special", true);
            json.WriteBoolean("with_pieces", true);
            json.WriteEndObject();
        }

        byte[] answer;
        try
        {
            var body = buffer.WrittenMemory;
            answer = asDiscovery
                ? await Discovery.GetAsync(
                    DiscoveryCache.KeyOf(_endpoints.Tokenize, body.Span),
                    token => FetchDiscoveryAsync(HttpMethod.Post, _endpoints.Tokenize, body, OpenCodeErrorCodes.ModelInfoFailed, "Tokenize", token),
                    cancellationToken).ConfigureAwait(false)
                : await FetchJsonBodyAsync(HttpMethod.Post, _endpoints.Tokenize, body, OpenCodeErrorCodes.ModelInfoFailed, "Tokenize", cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCodeException ex) when (FailureClassification.IsNotOffered(ex))
        {
            return null;
        }

        if (answer.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(answer);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // With with_pieces each token is {"id", "piece"}; a piece that is not valid UTF-8 comes as an array of bytes.
        return [.. tokens.EnumerateArray().Select(t => Json.String(t, "piece") ?? string.Empty)];
    }

    internal static GenerationRequest ToWire(InfillRequest request, string? model) => new(
        GenerationKind.Infill,
        model,
        new MessageRequest { MaxTokens = request.MaxTokens, Temperature = request.Temperature, TopP = request.TopP, Seed = request.Seed, Stop = request.Stop },
        Infill: request);
}
