using OpenCode.Pipeline;
namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>Streams a chat completion from <c>/v1/chat/completions</c>.</summary>
    /// <param name="request">The conversation and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the generation; the HTTP request is aborted, which stops the server.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    public IAsyncEnumerable<MessageChunk> StreamChatCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        StreamAsync(new GenerationRequest(GenerationKind.Chat, model, request), defaultTemperature: null, cancellationToken);

    /// <summary>Streams a plain completion of a raw prompt from <c>/v1/completions</c>.</summary>
    /// <param name="request">The prompt (<see cref="MessageRequest.Prompt"/>) and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    public IAsyncEnumerable<MessageChunk> StreamCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        StreamAsync(new GenerationRequest(GenerationKind.Completion, model, request), defaultTemperature: null, cancellationToken);

    /// <summary>Streams a request's chunks; nothing is sent until the first <c>MoveNextAsync</c>, and each enumeration sends its own request.</summary>
    /// <remarks>
    /// A hand-written enumerator rather than an async iterator: while the SSE parser has events buffered, a chunk is produced
    /// synchronously with no async state machine of its own (one hop fewer per chunk). Failures, waits for the network and the end
    /// of the stream take the async path, which releases the stream, the response and the watchdog before it throws or finishes.
    /// </remarks>
    internal IAsyncEnumerable<MessageChunk> StreamAsync(GenerationRequest wire, float? defaultTemperature, CancellationToken cancellationToken = default) =>
        new ChunkStream(this, wire, defaultTemperature, cancellationToken);

    private MessageChunk FinalChunk(
        StreamEventParser parser, ref UsageTracker usage, ref ThinkTagSplitter? thinkSplitter, ToolCallAssembler? toolCalls, FinishReason reason,
        GenerationRequest wire, RequestWatchdog watchdog, string operation, int delivered)
    {
        var calls = toolCalls?.Build(operation, delivered);
        if (calls is not null && reason == FinishReason.Stop)
        {
            reason = FinishReason.ToolCalls;
        }

        string? reasoning = null;
        var rest = thinkSplitter?.Flush(out reasoning) ?? string.Empty;
        var tokens = usage.Build(PromptCharacters(wire));
        ClientLog.Finished(_logger, operation, reason.Value, delivered, tokens.CompletionTokens, tokens.Source, watchdog.Elapsed.TotalMilliseconds);
        return new MessageChunk
        {
            Content = rest,
            ReasoningContent = reasoning,
            IsDone = true,
            FinishReason = reason,
            ToolCalls = calls,
            Response = parser.Identity,
            Metadata = new ChunkMetadata(parser.Model ?? wire.Model, tokens, _timeProvider.GetUtcNow()),
        };
    }

    private Exception? TranslateStreamError(Exception ex, RequestWatchdog watchdog, CancellationToken callerToken, string operation, int delivered)
    {
        if (ex is OpenCodeException || callerToken.IsCancellationRequested || watchdog.Fired is not null)
        {
            return TransportErrors.Translate(ex, watchdog, callerToken, operation, _endpoints.Root);
        }

        return ex is IOException or HttpRequestException or OperationCanceledException
            ? new OpenCodeStreamInterruptedException(
                $"{operation} failed: the connection to {_endpoints.Root} dropped after {delivered} chunk(s): {ex.Message}", delivered, innerException: ex)
            : null;
    }

    private (string Code, string Name, Uri Uri) Describe(GenerationKind kind) => kind switch
    {
        GenerationKind.Chat => (OpenCodeErrorCodes.ChatCompletionFailed, "Chat completion", _endpoints.ChatCompletions),
        GenerationKind.Infill => (OpenCodeErrorCodes.CompletionFailed, "Infill", _endpoints.Infill),
        _ => (OpenCodeErrorCodes.CompletionFailed, "Completion", _endpoints.Completions),
    };

    private static int PromptCharacters(GenerationRequest wire)
    {
        if (wire.Infill is { } infill)
        {
            return infill.Prefix.Length + infill.Suffix.Length + infill.ExtraFiles.Sum(f => f.Text.Length);
        }

        if (wire.Kind == GenerationKind.Completion)
        {
            return (wire.Prompt ?? wire.Request.Prompt)?.Length ?? 0;
        }

        var characters = 0;
        foreach (var message in wire.Request.Messages)
        {
            characters += message.Content.Length + 8;
        }

        return characters;
    }
}
