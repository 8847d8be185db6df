using System.Runtime.CompilerServices;
using OpenCode.Client;
using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <inheritdoc />
    /// <remarks>
    /// Nothing runs until the first <c>MoveNextAsync</c>. When streaming, the enumerator then hands each call straight to the wire
    /// client's stream, so a chunk costs no extra async-iterator hop here.
    /// </remarks>
    public IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DeferredChunks(this, request, cancellationToken);
    }

    /// <summary>Initializes, routes the request and opens the chunk stream (the streamed one, or a completed answer as chunks).</summary>
    private async ValueTask<(IAsyncEnumerable<MessageChunk> Chunks, GenerationMeasurement Measurement)> OpenAsync(MessageRequest request, CancellationToken cancellationToken)
    {
        var state = await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var wire = PrepareRequest(request, state);
        ProviderLog.Routing(_logger, wire.Kind.ToString(), wire.Model ?? "(chosen by the server)");
        var chunks = _options.Features.Streaming
            ? state.Client.StreamAsync(wire, _options.DefaultTemperature, cancellationToken)
            : CompleteAsChunksAsync(state, wire, cancellationToken);
        return (chunks, StartMeasurement(state, wire.Model));
    }

    private async IAsyncEnumerable<MessageChunk> CompleteAsChunksAsync(State state, WireRequest wire, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await state.Client.CompleteAsync(wire, _options.DefaultTemperature, cancellationToken).ConfigureAwait(false);
        var metadata = new ChunkMetadata(result.Model, null, _timeProvider.GetUtcNow());
        if (result.Content.Length > 0 || result.ReasoningContent is not null)
        {
            yield return new MessageChunk { Content = result.Content, ReasoningContent = result.ReasoningContent, Metadata = metadata };
        }

        yield return new MessageChunk { IsDone = true, FinishReason = result.FinishReason, Metadata = metadata with { Usage = result.Usage } };
    }

    private WireRequest PrepareRequest(MessageRequest request, State state)
    {
        if (request.AdditionalParameters is { Count: > 0 } && !_options.Features.CustomParameters)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"The request carries custom parameters ({string.Join(", ", request.AdditionalParameters.Keys)}) but features.customParameters is off.");
        }

        var model = ResolveModel(request.Model, state);
        return ModeSelector.Select(DropUnsupportedParameters(request, state.Capabilities.Dialect), model, state.Capabilities);
    }

    /// <summary>Sends only the custom parameters the dialect accepts; the others are dropped with a warning.</summary>
    private MessageRequest DropUnsupportedParameters(MessageRequest request, string dialect)
    {
        if (request.AdditionalParameters is not { Count: > 0 } extra || extra.Keys.All(name => DialectParameters.Accepts(dialect, name)))
        {
            return request;
        }

        foreach (var name in extra.Keys.Where(name => !DialectParameters.Accepts(dialect, name)))
        {
            ProviderLog.ParameterDropped(_logger, name, dialect);
        }

        return ModeSelector.Copy(request, request.Messages, request.Prompt, extra.Where(p => DialectParameters.Accepts(dialect, p.Key)).ToDictionary(StringComparer.Ordinal));
    }

    private string? ResolveModel(string? requested, State state)
    {
        var model = requested ?? state.DefaultModel;
        if (model is not null && !IsEnabled(model))
        {
            throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"Model '{model}' is not in models.enabledModels ({string.Join(", ", _options.Models.EnabledModels)}).");
        }

        if (model is not null && state.Models.Count > 0 && !state.Models.Any(m => m.Id == model))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"Model '{model}' is not served by {state.Client.ServerRoot}; it serves: {string.Join(", ", state.Models.Select(m => m.Id))}.");
        }

        return model;
    }

    /// <summary>The chunks of one <see cref="SendMessageAsync"/> call; each enumeration opens its own request, as an async iterator would.</summary>
    private sealed class DeferredChunks(OpenCodeProvider provider, MessageRequest request, CancellationToken callToken) : IAsyncEnumerable<MessageChunk>
    {
        public IAsyncEnumerator<MessageChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var token = EnumeratorCancellation.Combine(callToken, cancellationToken, out var linked);
            return new Enumerator(provider, request, token, linked);
        }
    }

    private sealed class Enumerator(OpenCodeProvider provider, MessageRequest request, CancellationToken cancellationToken, CancellationTokenSource? linked)
        : IAsyncEnumerator<MessageChunk>
    {
        private IAsyncEnumerator<MessageChunk>? _inner;
        private GenerationMeasurement? _measurement;
        private bool _finished;

        public MessageChunk Current => _inner is { } inner ? inner.Current : null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_inner is { } inner)
            {
                ValueTask<bool> next;
                try
                {
                    next = inner.MoveNextAsync();
                }
                catch (OpenCodeException) when (!cancellationToken.IsCancellationRequested)
                {
                    _measurement!.Fail();
                    throw;
                }

                if (next.IsCompletedSuccessfully)
                {
                    // The fast path: a chunk the stream had buffered is measured and handed on without an await.
                    var more = next.Result;
                    if (more)
                    {
                        _measurement!.Observe(inner.Current);
                    }

                    return new ValueTask<bool>(more);
                }

                return ObserveAsync(next);
            }

            return _finished ? ValueTask.FromResult(false) : OpenAndMoveNextAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _finished = true;
            try
            {
                if (_inner is { } inner)
                {
                    await inner.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                linked?.Dispose();
            }
        }

        private async ValueTask<bool> ObserveAsync(ValueTask<bool> next)
        {
            bool more;
            try
            {
                more = await next.ConfigureAwait(false);
            }
            catch (OpenCodeException) when (!cancellationToken.IsCancellationRequested)
            {
                _measurement!.Fail();
                throw;
            }

            if (more)
            {
                _measurement!.Observe(_inner!.Current);
            }

            return more;
        }

        private async ValueTask<bool> OpenAndMoveNextAsync()
        {
            IAsyncEnumerable<MessageChunk> chunks;
            try
            {
                (chunks, _measurement) = await provider.OpenAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Like an async iterator: once it has thrown, the sequence is over.
                _finished = true;
                throw;
            }

            _inner = chunks.GetAsyncEnumerator(CancellationToken.None);
            return await ObserveAsync(_inner.MoveNextAsync()).ConfigureAwait(false);
        }
    }
}
