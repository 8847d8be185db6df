using System.Net.ServerSentEvents;
using OpenCode.Pipeline;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>The chunks of one streamed request (see <see cref="StreamAsync"/>).</summary>
    private sealed class ChunkStream(OpenCodeClient client, GenerationRequest wire, float? defaultTemperature, CancellationToken callToken)
        : IAsyncEnumerable<MessageChunk>
    {
        public IAsyncEnumerator<MessageChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var token = EnumeratorCancellation.Combine(callToken, cancellationToken, out var linked);
            return new ChunkEnumerator(client, wire, defaultTemperature, token, linked);
        }
    }

    private sealed class ChunkEnumerator(
        OpenCodeClient client, GenerationRequest wire, float? defaultTemperature, CancellationToken cancellationToken, CancellationTokenSource? linked)
        : IAsyncEnumerator<MessageChunk>
    {
        private readonly StreamEventParser _parser = new();
        private Phase _phase;
        private string _operation = string.Empty;
        private string _operationCode = string.Empty;
        private RequestWatchdog? _watchdog;
        private HttpResponseMessage? _response;
        private ReceiveClockStream? _stream;
        private IAsyncEnumerator<SseItem<StreamEvent>>? _events;
        private UsageTracker _usage;
        private int _delivered;
        private FinishReason? _finishReason;
        private ThinkTagSplitter? _thinkSplitter;
        private ToolCallAssembler? _toolCalls;
        private bool _decided = wire.Kind != GenerationKind.Chat;
        private bool _sawOutput;
        private MessageChunk? _current;
        private MessageChunk? _queued;

        private enum Phase
        {
            NotStarted,
            Streaming,

            /// <summary>A JSON answer to a streamed request: <see cref="_queued"/> holds its final chunk.</summary>
            Queued,

            /// <summary>The final chunk was produced; the next move releases everything and ends.</summary>
            Finishing,
            Closed,
        }

        public MessageChunk Current => _current!;

        public ValueTask<bool> MoveNextAsync() => _phase switch
        {
            Phase.Streaming => MoveNextCore(),
            Phase.NotStarted => StartAsync(),
            Phase.Finishing => FinishAsync(),
            Phase.Queued => TakeQueued(),
            _ => ValueTask.FromResult(false),
        };

        public async ValueTask DisposeAsync()
        {
            if (_phase == Phase.Closed)
            {
                return;
            }

            _phase = Phase.Closed;
            await CloseAsync().ConfigureAwait(false);
        }

        private async ValueTask<bool> StartAsync()
        {
            _phase = Phase.Streaming;
            try
            {
                var (operationCode, operation, uri) = client.Describe(wire.Kind);
                _operation = operation;
                _operationCode = operationCode;
                var body = RequestBodyWriter.Write(wire, stream: true, client._options.RequestStreamUsage, defaultTemperature);
                _watchdog = client.StartWatchdog(streaming: true, cancellationToken);
                ClientLog.Sending(client._logger, operation, uri.AbsolutePath, true);
                _response = await client.SendAsync(HttpMethod.Post, uri, body, true, _watchdog, operationCode, operation, cancellationToken).ConfigureAwait(false);
                switch (StreamContentTypes.Classify(_response.Content.Headers.ContentType?.MediaType))
                {
                    case StreamContentKind.Json:
                        return await StartFromJsonAsync().ConfigureAwait(false);
                    case StreamContentKind.Other:
                        var type = _response.Content.Headers.ContentType?.ToString() ?? "(none)";
                        ClientLog.NotAnEventStream(client._logger, operation, type, "failing");
                        throw new OpenCodeInvalidResponseException(
                            $"{operation} failed: {client._endpoints.Root} answered 200 with content type {type}, not an event stream (text/event-stream) " +
                            "nor JSON; a proxy or portal page may stand in front of the server. Not retried.",
                            client.MaskSecrets(await ReadBodyExcerptAsync(_response, _watchdog.Token).ConfigureAwait(false), _response.RequestMessage));
                }

                Stream raw;
                try
                {
                    raw = await _response.Content.ReadAsStreamAsync(_watchdog.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (TransportErrors.Translate(ex, _watchdog, cancellationToken, operation, client._endpoints.Root) is { } translated)
                {
                    throw translated;
                }

                // Chunks take their time of receipt from the read that brought them: two clock reads per network read, none per chunk.
                _stream = new ReceiveClockStream(raw, client._timeProvider, client._options.MaxEventSize);
                _events = SseParser.Create(_stream, _parser.Parse).EnumerateAsync(_watchdog.Token).GetAsyncEnumerator(_watchdog.Token);
            }
            catch
            {
                _phase = Phase.Closed;
                await CloseAsync().ConfigureAwait(false);
                throw;
            }

            return await MoveNextCore().ConfigureAwait(false);
        }

        /// <summary>The fast path: handles events the parser already has without awaiting; anything else goes to <see cref="MoveNextSlowAsync"/>.</summary>
        private ValueTask<bool> MoveNextCore()
        {
            while (true)
            {
                ValueTask<bool> next;
                try
                {
                    next = _events!.MoveNextAsync();
                }
                catch (Exception ex)
                {
                    return MoveNextSlowAsync(ValueTask.FromException<bool>(ex));
                }

                if (!next.IsCompletedSuccessfully)
                {
                    return MoveNextSlowAsync(next);
                }

                if (!next.Result)
                {
                    // The end of the stream releases resources first, on the async path.
                    return MoveNextSlowAsync(ValueTask.FromResult(false));
                }

                var item = _events.Current.Data;
                if (item.Kind == StreamEventKind.Error)
                {
                    // So does an error event (the slow path reads the same event again).
                    return MoveNextSlowAsync(ValueTask.FromResult(true));
                }

                bool produced;
                try
                {
                    produced = Handle(in item);
                }
                catch (Exception ex)
                {
                    return FailAsync(ex);
                }

                if (produced)
                {
                    return ValueTask.FromResult(true);
                }
            }
        }

        /// <param name="pending">The parser's move, not yet consumed.</param>
        private async ValueTask<bool> MoveNextSlowAsync(ValueTask<bool> pending)
        {
            try
            {
                var watchdog = _watchdog!;
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await pending.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (client.TranslateStreamError(ex, watchdog, cancellationToken, _operation, _delivered) is { } translated)
                    {
                        ClientLog.StreamFailed(client._logger, _operation, _delivered, (translated as OpenCodeException)?.Code ?? "CANCELLED");
                        throw translated;
                    }

                    if (!more)
                    {
                        return await EndOfStreamAsync().ConfigureAwait(false);
                    }

                    if (Handle(_events!.Current.Data))
                    {
                        return true;
                    }

                    pending = _events.MoveNextAsync();
                }
            }
            catch when (_phase != Phase.Closed)
            {
                _phase = Phase.Closed;
                await CloseAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Serves a JSON answer to a streamed request (some servers and proxies ignore <c>stream: true</c>) as its chunks.</summary>
        private async ValueTask<bool> StartFromJsonAsync()
        {
            ClientLog.NotAnEventStream(client._logger, _operation, _response!.Content.Headers.ContentType?.MediaType ?? "(none)", "reading it as the whole answer");
            var result = await client.ReadCompletionAsync(_response, wire, _watchdog!, _operation, cancellationToken).ConfigureAwait(false);
            var final = new MessageChunk
            {
                Content = string.Empty,
                IsDone = true,
                FinishReason = result.FinishReason,
                Metadata = new ChunkMetadata(result.Model, result.Usage, client._timeProvider.GetUtcNow()),
            };
            if (result.Content.Length == 0 && string.IsNullOrEmpty(result.ReasoningContent))
            {
                _current = final;
                _phase = Phase.Finishing;
                return true;
            }

            _delivered = 1;
            _current = new MessageChunk
            {
                Content = result.Content,
                ReasoningContent = result.ReasoningContent,
                Metadata = new ChunkMetadata(result.Model, null, client._timeProvider.GetUtcNow()),
            };
            _queued = final;
            _phase = Phase.Queued;
            return true;
        }

        private ValueTask<bool> TakeQueued()
        {
            _current = _queued;
            _queued = null;
            _phase = Phase.Finishing;
            return ValueTask.FromResult(true);
        }

        private async ValueTask<bool> FailAsync(Exception exception)
        {
            _phase = Phase.Closed;
            await CloseAsync().ConfigureAwait(false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
            return false;
        }

        /// <summary>Handles one event; true when <see cref="Current"/> holds a new chunk.</summary>
        private bool Handle(in StreamEvent item)
        {
            _watchdog!.Touch(_stream!.Timestamp);
            switch (item.Kind)
            {
                case StreamEventKind.Done:
                    _current = client.FinalChunk(_parser, ref _usage, ref _thinkSplitter, _toolCalls, DoneReason(), wire, _watchdog, _operation, _delivered);
                    _phase = Phase.Finishing;
                    return true;
                case StreamEventKind.Error:
                    var error = client.ErrorAnswer(_operationCode, _operation, item.ErrorJson!, _delivered, _response?.RequestMessage);
                    ClientLog.StreamFailed(client._logger, _operation, _delivered, error.Code);
                    throw error;
                case StreamEventKind.Empty:
                    return false;
            }

            _usage.Observe(item);
            if (item.ToolCalls is { } deltas)
            {
                (_toolCalls ??= new ToolCallAssembler()).Add(deltas);
            }

            _sawOutput |= item.ToolCalls is not null || !string.IsNullOrEmpty(item.Content) || !string.IsNullOrEmpty(item.Reasoning);
            if (item.FinishReason is { } reason)
            {
                // A "stop" after tool calls becomes ToolCalls in FinalChunk, whichever event carried the calls.
                _finishReason = reason;
            }

            var content = item.Content;
            var reasoning = item.Reasoning;
            if (!_decided && content is { Length: > 0 })
            {
                // Only a stream whose text opens with '<' can carry a <think> block.
                var trimmed = content.AsSpan().TrimStart();
                _decided = trimmed.Length > 0;
                _thinkSplitter = _decided && trimmed[0] == '<' ? new ThinkTagSplitter() : null;
            }

            if (_thinkSplitter is not null && content is not null)
            {
                content = _thinkSplitter.Split(content, out var split);
                reasoning = split ?? reasoning;
            }

            if (string.IsNullOrEmpty(content) && string.IsNullOrEmpty(reasoning))
            {
                return false;
            }

            _usage.CountChunk();
            _current = new MessageChunk
            {
                Content = content ?? string.Empty,
                ReasoningContent = reasoning,
                Response = _delivered++ == 0 ? _parser.Identity : null,
                Metadata = new ChunkMetadata(_parser.Model, null, _stream.ReceivedAt),
            };
            return true;
        }

        /// <summary>The finish reason at <c>[DONE]</c>: the server's, else <see cref="FinishReason.Unreported"/>; nothing at all is an error, not an empty success.</summary>
        private FinishReason DoneReason()
        {
            if (_finishReason is { } reason)
            {
                return reason;
            }

            if (!_sawOutput)
            {
                ClientLog.StreamFailed(client._logger, _operation, _delivered, OpenCodeErrorCodes.EmptyResponse);
                throw new OpenCodeException(
                    OpenCodeErrorCodes.EmptyResponse,
                    $"{_operation} failed: {client._endpoints.Root} ended the stream ([DONE]) without any text, tool call or finish reason.");
            }

            ClientLog.FinishUnreported(client._logger, _operation, _delivered);
            return FinishReason.Unreported;
        }

        private async ValueTask<bool> EndOfStreamAsync()
        {
            await CloseStreamAsync().ConfigureAwait(false);
            if (_finishReason is { } finished)
            {
                // Some servers end the stream after the finish chunk without [DONE]; the generation did finish.
                _current = client.FinalChunk(_parser, ref _usage, ref _thinkSplitter, _toolCalls, finished, wire, _watchdog!, _operation, _delivered);
                _phase = Phase.Finishing;
                return true;
            }

            ClientLog.StreamFailed(client._logger, _operation, _delivered, OpenCodeErrorCodes.StreamInterrupted);
            throw new OpenCodeStreamInterruptedException(
                $"{_operation} failed: the connection closed after {_delivered} chunk(s) before the server finished the generation.", _delivered);
        }

        private async ValueTask<bool> FinishAsync()
        {
            _phase = Phase.Closed;
            await CloseAsync().ConfigureAwait(false);
            return false;
        }

        private async ValueTask CloseStreamAsync()
        {
            if (_events is { } events)
            {
                _events = null;
                await events.DisposeAsync().ConfigureAwait(false);
            }

            if (_stream is { } stream)
            {
                _stream = null;
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Releases everything, in the order the original iterator's <c>using</c> blocks did: events, stream, response, watchdog.</summary>
        private async ValueTask CloseAsync()
        {
            try
            {
                await CloseStreamAsync().ConfigureAwait(false);
            }
            finally
            {
                _response?.Dispose();
                _watchdog?.Dispose();
                linked?.Dispose();
            }
        }
    }
}
