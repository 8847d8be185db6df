using System.Text.Json;
using OpenCode.Pipeline;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>Sends a chat completion and waits for the whole answer.</summary>
    /// <param name="request">The conversation and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer.</returns>
    public Task<CompletedMessage> CreateChatCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        CompleteAsync(new GenerationRequest(GenerationKind.Chat, model, request), defaultTemperature: null, cancellationToken);

    /// <summary>Completes a raw prompt and waits for the whole answer.</summary>
    /// <param name="request">The prompt (<see cref="MessageRequest.Prompt"/>) and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer.</returns>
    public Task<CompletedMessage> CreateCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        CompleteAsync(new GenerationRequest(GenerationKind.Completion, model, request), defaultTemperature: null, cancellationToken);

    internal async Task<CompletedMessage> CompleteAsync(GenerationRequest wire, float? defaultTemperature, CancellationToken cancellationToken)
    {
        var (operationCode, operation, uri) = Describe(wire.Kind);
        var body = RequestBodyWriter.Write(wire, stream: false, includeUsage: false, defaultTemperature);
        using var watchdog = StartWatchdog(streaming: false, cancellationToken);
        ClientLog.Sending(_logger, operation, uri.AbsolutePath, false);
        using var response = await SendAsync(HttpMethod.Post, uri, body, false, watchdog, operationCode, operation, cancellationToken).ConfigureAwait(false);
        var result = await ReadCompletionAsync(response, wire, watchdog, operation, cancellationToken).ConfigureAwait(false);
        var usage = result.Usage!; // ParseCompletion always sets it: reported, or the library's estimate.
        ClientLog.Finished(_logger, operation, result.FinishReason.Value, 1, usage.CompletionTokens, usage.Source, watchdog.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>Reads a whole (non-streamed) completion answer.</summary>
    private async Task<CompletedMessage> ReadCompletionAsync(HttpResponseMessage response, GenerationRequest wire, RequestWatchdog watchdog, string operation, CancellationToken callerToken)
    {
        using var document = await ReadJsonAsync(response, watchdog, operation, callerToken).ConfigureAwait(false);
        var result = ParseCompletion(document.RootElement, wire, operation, response.RequestMessage);
        if (result.FinishReason == FinishReason.Unreported)
        {
            ClientLog.FinishUnreported(_logger, operation, 1);
        }

        return result;
    }

    /// <summary>A short plain-text excerpt of a body that is not an answer, for the error that reports it.</summary>
    private static async Task<string?> ReadBodyExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false) is { } body
            ? BodySummary.Summarize(body, response.Content.Headers.ContentType?.MediaType)
            : null;

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, RequestWatchdog watchdog, string operation, CancellationToken callerToken)
    {
        try
        {
            if (response.Content.Headers.ContentLength > _options.MaxEventSize)
            {
                throw TooLarge(operation);
            }

            var stream = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Bounded: a server that sends without end fails with INVALID_RESPONSE instead of filling memory.
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
                int read;
                while ((read = await stream.ReadAsync(buffer.GetMemory(16 * 1024), watchdog.Token).ConfigureAwait(false)) > 0)
                {
                    buffer.Advance(read);
                    if (buffer.WrittenCount > _options.MaxEventSize)
                    {
                        throw TooLarge(operation);
                    }
                }

                return JsonDocument.Parse(buffer.WrittenMemory);
            }
        }
        catch (JsonException ex)
        {
            throw InvalidJson(operation, ex);
        }
        catch (ArgumentException ex)
        {
            // JsonDocument.Parse on bytes that are not UTF-8.
            throw new OpenCodeInvalidResponseException($"{operation} failed: the response from {_endpoints.Root} is not valid UTF-8 JSON ({ex.Message}).", innerException: ex);
        }
        catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, callerToken, operation, _endpoints.Root) is { } translated)
        {
            throw translated;
        }
    }

    private OpenCodeInvalidResponseException TooLarge(string operation) =>
        new($"{operation} failed: the answer from {_endpoints.Root} is larger than {_options.MaxEventSize} bytes (the maxEventSize setting).");

    private static ResponseIdentity? ReadIdentity(JsonElement root)
    {
        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var created = root.TryGetProperty("created", out var createdElement) && createdElement.ValueKind == JsonValueKind.Number && createdElement.TryGetInt64(out var seconds)
            ? ResponseIdentity.FromUnixSeconds(seconds)
            : null;
        return id is null && created is null ? null : new ResponseIdentity(id, created);
    }

    /// <summary>
    /// Throws the error a 200 JSON answer carries (<c>{"error":...}</c>, or vLLM's <c>{"object":"error",...}</c>), its body masked
    /// of the credential the request carried; an answer that is not an object carries none.
    /// </summary>
    private void ThrowIfErrorAnswer(JsonElement root, string operationCode, string operation, HttpRequestMessage? request)
    {
        if (root.ValueKind == JsonValueKind.Object
            && ((root.TryGetProperty("error", out var error) && error.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
                || Json.String(root, "object") == "error"))
        {
            throw ErrorAnswer(operationCode, operation, root.GetRawText(), 0, request);
        }
    }

    /// <summary>
    /// The error a 200 answer carries (an error event, or an error object as the whole answer), classified by what it says. llama-server
    /// and proxies put the request's text into it, so it is masked of the credential the request carried first.
    /// </summary>
    private OpenCodeException ErrorAnswer(string operationCode, string operation, string errorJson, int delivered, HttpRequestMessage? request) =>
        ErrorClassifier.FromStreamError(operationCode, operation, MaskSecrets(errorJson, request)!, delivered, _auth?.Description);

    private CompletedMessage ParseCompletion(JsonElement root, GenerationRequest wire, string operation, HttpRequestMessage? request)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new OpenCodeInvalidResponseException($"{operation} failed: the response is a JSON {root.ValueKind}, expected an object.", Json.Sample(root));
        }

        ThrowIfErrorAnswer(root, Describe(wire.Kind).Code, operation, request);

        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw new OpenCodeInvalidResponseException($"{operation} failed: the response has no 'choices' array with at least one choice.", Json.Sample(root));
        }

        var choice = choices[0];
        string? text;
        string? reasoning = null;
        IReadOnlyList<ToolCall>? toolCalls = null;
        if (wire.Kind == GenerationKind.Chat)
        {
            if (!choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                throw new OpenCodeInvalidResponseException($"{operation} failed: choices[0] has no 'message' object.", Json.Sample(root));
            }

            text = Json.OptionalString(message, "content", "choices[0].message.content");
            reasoning = Json.OptionalString(message, "reasoning_content", "choices[0].message.reasoning_content");
            toolCalls = message.TryGetProperty("tool_calls", out var calls) ? ToolCallAssembler.FromMessage(calls, operation) : null;
        }
        else
        {
            text = Json.OptionalString(choice, "text", "choices[0].text");
        }

        var content = ThinkTagSplitter.SplitAll(text ?? string.Empty, out var thought);
        var reported = choice.TryGetProperty("finish_reason", out var reasonElement) && reasonElement.ValueKind == JsonValueKind.String;
        if (!reported && content.Length == 0 && string.IsNullOrEmpty(reasoning ?? thought) && toolCalls is null)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.EmptyResponse, $"{operation} failed: the answer has no text, tool call or finish reason.");
        }

        var finish = reported ? FinishReason.FromUtf8(System.Text.Encoding.UTF8.GetBytes(reasonElement.GetString()!)) : FinishReason.Unreported;
        if (toolCalls is not null && (finish == FinishReason.Stop || finish == FinishReason.Unreported))
        {
            finish = FinishReason.ToolCalls;
        }

        var tracker = default(UsageTracker);
        tracker.Observe(Json.ReadUsage(root));
        if (!tracker.HasServerCounts)
        {
            // No usage at all: the library's one estimate, marked as counted.
            tracker.AddCounted(Limits.TokenEstimator.FromCharacters(content.Length));
        }

        return new CompletedMessage
        {
            Content = content,
            ReasoningContent = reasoning ?? thought,
            ToolCalls = toolCalls ?? [],
            Response = ReadIdentity(root),
            FinishReason = finish,
            Model = root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : wire.Model,
            Usage = tracker.Build(PromptCharacters(wire)),
        };
    }
}
