using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace OpenCode.Client;

public sealed partial class OpenCodeClient
{
    /// <summary>Streams a chat completion from <c>/v1/chat/completions</c>.</summary>
    /// <param name="request">The conversation and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the generation; the HTTP request is aborted, which stops the server.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    public IAsyncEnumerable<MessageChunk> StreamChatCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        StreamAsync(new WireRequest(WireRequestKind.Chat, model, request), defaultTemperature: null, cancellationToken);

    /// <summary>Streams a plain completion of a raw prompt from <c>/v1/completions</c>.</summary>
    /// <param name="request">The prompt (<see cref="MessageRequest.Prompt"/>) and sampling settings.</param>
    /// <param name="model">The model id; <see langword="null"/> lets a single-model server choose.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    public IAsyncEnumerable<MessageChunk> StreamCompletionAsync(MessageRequest request, string? model, CancellationToken cancellationToken = default) =>
        StreamAsync(new WireRequest(WireRequestKind.Completion, model, request), defaultTemperature: null, cancellationToken);

    internal async IAsyncEnumerable<MessageChunk> StreamAsync(
        WireRequest wire, float? defaultTemperature, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (operationCode, operation, uri) = Describe(wire.Kind);
        var body = RequestBodyWriter.Write(wire, stream: true, _options.RequestStreamUsage, defaultTemperature);
        using var watchdog = StartWatchdog(streaming: true, cancellationToken);
        ClientLog.Sending(_logger, operation, uri.AbsolutePath, true);
        using var response = await SendAsync(HttpMethod.Post, uri, body, true, watchdog, operationCode, operation, cancellationToken).ConfigureAwait(false);

        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, cancellationToken, operation, _endpoints.Root) is { } translated)
        {
            throw translated;
        }

        var parser = new StreamEventParser();
        var usage = default(UsageTracker);
        var delivered = 0;
        FinishReason? finishReason = null;
        ThinkTagSplitter? thinkSplitter = null;
        var decided = wire.Kind != WireRequestKind.Chat;
        var enumerator = SseParser.Create(stream, parser.Parse).EnumerateAsync(watchdog.Token).GetAsyncEnumerator(watchdog.Token);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                while (true)
                {
                    StreamEvent item;
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        item = enumerator.Current.Data;
                    }
                    catch (Exception ex) when (TranslateStreamError(ex, watchdog, cancellationToken, operation, delivered) is { } translated)
                    {
                        ClientLog.StreamFailed(_logger, operation, delivered, (translated as OpenCodeException)?.Code ?? "CANCELLED");
                        throw translated;
                    }

                    watchdog.Touch();
                    switch (item.Kind)
                    {
                        case StreamEventKind.Done:
                            yield return FinalChunk(parser, ref usage, ref thinkSplitter, finishReason ?? FinishReason.Stop, wire, watchdog, operation, delivered);
                            yield break;
                        case StreamEventKind.Error:
                            var error = ErrorClassifier.FromStreamError(operation, item.ErrorJson!, delivered);
                            ClientLog.StreamFailed(_logger, operation, delivered, error.Code);
                            throw error;
                        case StreamEventKind.Empty:
                            continue;
                    }

                    usage.Observe(item);
                    if (item.FinishReason is { } reason)
                    {
                        finishReason = item.HasToolCalls && reason == FinishReason.Stop ? FinishReason.ToolCalls : reason;
                    }

                    var content = item.Content;
                    var reasoning = item.Reasoning;
                    if (!decided && content is { Length: > 0 })
                    {
                        // Only a stream whose text opens with '<' can carry a <think> block.
                        var trimmed = content.AsSpan().TrimStart();
                        decided = trimmed.Length > 0;
                        thinkSplitter = decided && trimmed[0] == '<' ? new ThinkTagSplitter() : null;
                    }

                    if (thinkSplitter is not null && content is not null)
                    {
                        content = thinkSplitter.Split(content, out var split);
                        reasoning = split ?? reasoning;
                    }

                    if (!string.IsNullOrEmpty(content) || !string.IsNullOrEmpty(reasoning))
                    {
                        usage.CountChunk();
                        delivered++;
                        yield return new MessageChunk
                        {
                            Content = content ?? string.Empty,
                            ReasoningContent = reasoning,
                            Metadata = new ChunkMetadata(parser.Model, null, _timeProvider.GetUtcNow()),
                        };
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (finishReason is { } finished)
        {
            // Some servers end the stream after the finish chunk without [DONE]; the generation did finish.
            yield return FinalChunk(parser, ref usage, ref thinkSplitter, finished, wire, watchdog, operation, delivered);
            yield break;
        }

        ClientLog.StreamFailed(_logger, operation, delivered, OpenCodeErrorCodes.StreamInterrupted);
        throw new OpenCodeStreamInterruptedException(
            $"{operation} failed: the connection closed after {delivered} chunk(s) before the server finished the generation.", delivered);
    }

    private MessageChunk FinalChunk(
        StreamEventParser parser, ref UsageTracker usage, ref ThinkTagSplitter? thinkSplitter, FinishReason reason,
        WireRequest wire, RequestWatchdog watchdog, string operation, int delivered)
    {
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

    private (string Code, string Name, Uri Uri) Describe(WireRequestKind kind) => kind switch
    {
        WireRequestKind.Chat => (OpenCodeErrorCodes.ChatCompletionFailed, "Chat completion", _endpoints.ChatCompletions),
        WireRequestKind.Infill => (OpenCodeErrorCodes.CompletionFailed, "Infill", _endpoints.Infill),
        _ => (OpenCodeErrorCodes.CompletionFailed, "Completion", _endpoints.Completions),
    };

    private static int PromptCharacters(WireRequest wire)
    {
        if (wire.Infill is { } infill)
        {
            return infill.Prefix.Length + infill.Suffix.Length + infill.ExtraFiles.Sum(f => f.Text.Length);
        }

        if (wire.Kind == WireRequestKind.Completion)
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
