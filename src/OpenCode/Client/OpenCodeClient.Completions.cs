using System.Text.Json;
using OpenCode.Pipeline;

namespace OpenCode.Client;

public sealed partial class OpenCodeClient
{
    /// <summary>Sends a chat completion and waits for the whole answer.</summary>
    /// <param name="request">The conversation and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer.</returns>
    public Task<CompletionResult> CreateChatCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        CompleteAsync(new GenerationRequest(GenerationKind.Chat, model, request), defaultTemperature: null, cancellationToken);

    /// <summary>Completes a raw prompt and waits for the whole answer.</summary>
    /// <param name="request">The prompt (<see cref="MessageRequest.Prompt"/>) and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer.</returns>
    public Task<CompletionResult> CreateCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        CompleteAsync(new GenerationRequest(GenerationKind.Completion, model, request), defaultTemperature: null, cancellationToken);

    internal async Task<CompletionResult> CompleteAsync(GenerationRequest wire, float? defaultTemperature, CancellationToken cancellationToken)
    {
        var (operationCode, operation, uri) = Describe(wire.Kind);
        var body = RequestBodyWriter.Write(wire, stream: false, includeUsage: false, defaultTemperature);
        using var watchdog = StartWatchdog(streaming: false, cancellationToken);
        ClientLog.Sending(_logger, operation, uri.AbsolutePath, false);
        using var response = await SendAsync(HttpMethod.Post, uri, body, false, watchdog, operationCode, operation, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, watchdog, operation, cancellationToken).ConfigureAwait(false);
        var result = ParseCompletion(document.RootElement, wire, operation);
        ClientLog.Finished(_logger, operation, result.FinishReason.Value, 1, result.Usage.CompletionTokens, result.Usage.Source, watchdog.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, RequestWatchdog watchdog, string operation, CancellationToken callerToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, watchdog.Token).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new OpenCodeInvalidResponseException($"{operation} failed: the response from {_endpoints.Root} is not valid JSON ({ex.Message}).", innerException: ex);
        }
        catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, callerToken, operation, _endpoints.Root) is { } translated)
        {
            throw translated;
        }
    }

    private static ResponseIdentity? ReadIdentity(JsonElement root)
    {
        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var created = root.TryGetProperty("created", out var createdElement) && createdElement.ValueKind == JsonValueKind.Number && createdElement.TryGetInt64(out var seconds)
            ? ResponseIdentity.FromUnixSeconds(seconds)
            : null;
        return id is null && created is null ? null : new ResponseIdentity(id, created);
    }

    private static CompletionResult ParseCompletion(JsonElement root, GenerationRequest wire, string operation)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new OpenCodeInvalidResponseException($"{operation} failed: the response is a JSON {root.ValueKind}, expected an object.", Json.Sample(root));
        }

        if (root.TryGetProperty("error", out _))
        {
            throw ErrorClassifier.FromStreamError(operation, root.GetRawText(), 0);
        }

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
        var finish = choice.TryGetProperty("finish_reason", out var reasonElement) && reasonElement.ValueKind == JsonValueKind.String
            ? FinishReason.FromUtf8(System.Text.Encoding.UTF8.GetBytes(reasonElement.GetString()!))
            : FinishReason.Stop;
        if (toolCalls is not null && finish == FinishReason.Stop)
        {
            finish = FinishReason.ToolCalls;
        }

        var tracker = default(UsageTracker);
        tracker.Observe(Json.ReadUsage(root));
        if (!tracker.HasServerCounts)
        {
            // No usage at all: about one token per four characters, marked as counted.
            tracker.AddCounted((content.Length + 3) / 4);
        }

        return new CompletionResult
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
