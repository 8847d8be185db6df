using System.Runtime.CompilerServices;
using OpenCode.Client;
using OpenCode.Limits;
using OpenCode.Models;
using OpenCode.Telemetry;

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
        return new DeferredChunks(this, (provider, state) => provider.PrepareRequest(request, state), alwaysStream: false, cancellationToken);
    }

    /// <summary>
    /// Initializes, prepares the request, waits for the client-side limits, then opens the chunk stream and reads its first chunk,
    /// retrying transient failures (only up to here: once a chunk has reached the caller nothing is retried).
    /// </summary>
    private async ValueTask<(IAsyncEnumerator<MessageChunk> Chunks, GenerationScope Scope)> OpenAsync(
        Func<OpenCodeProvider, State, WireRequest> prepare, bool alwaysStream, CancellationToken cancellationToken)
    {
        var state = await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var wire = prepare(this, state);
        var endpointName = EndpointName ?? state.Client.ServerRoot.Authority;
        if (_quotas is not null)
        {
            await _quotas.CheckAsync(endpointName, wire.Model ?? state.Capabilities.Model, _options.Auth.Credential, cancellationToken).ConfigureAwait(false);
        }

        var grant = await AcquireGrantAsync(wire, state, cancellationToken).ConfigureAwait(false);
        if (grant.IsFallback)
        {
            wire = wire with { Model = grant.Model };
        }

        ProviderLog.Routing(_logger, wire.Kind.ToString(), wire.Model ?? "(chosen by the server)");
        var context = new GenerationContext(
            wire.Kind == WireRequestKind.Chat ? "chat" : "text_completion", state.Capabilities.Dialect, grant.Model, state.Client.ServerRoot, endpointName,
            _options.Auth.Credential);
        var scope = new GenerationScope(context, grant, StartMeasurement(state, wire.Model), _generations);
        try
        {
            var chunks = await state.Resilience.ExecuteAsync(
                static (attempt, token) => attempt.Provider.OpenAttemptAsync(attempt, token), new Attempt(this, state, wire, alwaysStream || _options.Features.Streaming, scope, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return (chunks, scope);
        }
        catch (Exception ex)
        {
            if (ex is OpenCodeException { Code: OpenCodeErrorCodes.RateLimited, RetryAfter: { } wait })
            {
                _limiter.SlowDown(wait);
            }

            scope.Fail(ex, cancellationToken.IsCancellationRequested);
            await scope.EndAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask<RateLimitGrant> AcquireGrantAsync(WireRequest wire, State state, CancellationToken cancellationToken)
    {
        OpenCodeTelemetry.QueueLength.Add(1);
        try
        {
            var grant = await _limiter.AcquireAsync(wire.Model ?? state.Capabilities.Model, TokenEstimator.Estimate(wire), cancellationToken).ConfigureAwait(false);
            OpenCodeTelemetry.RateLimitWait.Record(grant.Waited.TotalSeconds);
            return grant;
        }
        finally
        {
            OpenCodeTelemetry.QueueLength.Add(-1);
        }
    }

    /// <summary>One attempt: opens the stream with a token of its own (the total timeout cancels it only until the first chunk), and reads the first chunk.</summary>
    private async ValueTask<IAsyncEnumerator<MessageChunk>> OpenAttemptAsync(Attempt attempt, CancellationToken attemptToken)
    {
        // The first attempt uses the state the request was prepared with; a retry looks again, in case a local server restarted elsewhere.
        var state = attempt.Tries++ == 0 ? attempt.State : await EnsureInitializedAsync(attempt.CallerToken).ConfigureAwait(false);
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(attempt.CallerToken);
        IAsyncEnumerator<MessageChunk>? chunks = null;
        try
        {
            using (attemptToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), cancellation))
            {
                chunks = (attempt.Stream
                    ? state.Client.StreamAsync(attempt.Wire, _options.DefaultTemperature, cancellation.Token)
                    : CompleteAsChunksAsync(state, attempt.Wire, cancellation.Token)).GetAsyncEnumerator(CancellationToken.None);
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new OpenCodeStreamInterruptedException($"{state.Client.ServerRoot} ended the response without a chunk.", 0);
                }
            }

            attempt.Scope.AttemptCancellation = cancellation;
            var first = attempt.Scope.Observe(chunks.Current);
            return ReferenceEquals(first, chunks.Current) ? chunks : new ReplacedFirst(chunks, first);
        }
        catch
        {
            if (chunks is not null)
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
            }

            cancellation.Dispose();
            throw;
        }
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

        return request with { AdditionalParameters = extra.Where(p => DialectParameters.Accepts(dialect, p.Key)).ToDictionary(StringComparer.Ordinal) };
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

    /// <summary>A stream whose first chunk was replaced (a one-chunk answer whose final chunk got its cost).</summary>
    private sealed class ReplacedFirst(IAsyncEnumerator<MessageChunk> inner, MessageChunk first) : IAsyncEnumerator<MessageChunk>
    {
        private bool _moved;

        public MessageChunk Current => _moved ? inner.Current : first;

        public ValueTask<bool> MoveNextAsync()
        {
            _moved = true;
            return inner.MoveNextAsync();
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>The state of one attempt of <see cref="OpenAttemptAsync"/>, passed through the resilience pipeline without a closure.</summary>
    private sealed class Attempt(OpenCodeProvider provider, State state, WireRequest wire, bool stream, GenerationScope scope, CancellationToken callerToken)
    {
        public OpenCodeProvider Provider => provider;

        public State State => state;

        public WireRequest Wire => wire;

        public bool Stream => stream;

        public GenerationScope Scope => scope;

        public CancellationToken CallerToken => callerToken;

        /// <summary>Gets or sets how many attempts have started (Polly runs them one after another, never at once).</summary>
        public int Tries { get; set; }
    }

    /// <summary>The chunks of one call; each enumeration opens its own request, as an async iterator would.</summary>
    private sealed class DeferredChunks(OpenCodeProvider provider, Func<OpenCodeProvider, State, WireRequest> prepare, bool alwaysStream, CancellationToken callToken)
        : IAsyncEnumerable<MessageChunk>
    {
        public IAsyncEnumerator<MessageChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var token = EnumeratorCancellation.Combine(callToken, cancellationToken, out var linked);
            return new Enumerator(provider, prepare, alwaysStream, token, linked);
        }
    }

    /// <summary>
    /// Hands each call straight to the wire stream (no async-iterator hop per chunk) while the generation scope watches the chunks;
    /// the scope ends on the final chunk, on an error, or when the caller disposes early — whichever comes first.
    /// </summary>
    private sealed class Enumerator(
        OpenCodeProvider provider, Func<OpenCodeProvider, State, WireRequest> prepare, bool alwaysStream, CancellationToken cancellationToken, CancellationTokenSource? linked)
        : IAsyncEnumerator<MessageChunk>
    {
        private IAsyncEnumerator<MessageChunk>? _inner;
        private GenerationScope? _scope;
        private MessageChunk? _final;
        private bool _finished;

        public MessageChunk Current => _final ?? (_inner is { } inner ? inner.Current : null!);

        public ValueTask<bool> MoveNextAsync()
        {
            if (_finished)
            {
                return ValueTask.FromResult(false);
            }

            if (_inner is not { } inner)
            {
                return OpenAsync();
            }

            ValueTask<bool> next;
            try
            {
                next = inner.MoveNextAsync();
            }
            catch (Exception ex)
            {
                _scope!.Fail(ex, cancellationToken.IsCancellationRequested);
                throw;
            }

            if (next.IsCompletedSuccessfully)
            {
                // The fast path: a chunk the stream had buffered is observed and handed on without an await.
                if (next.Result)
                {
                    Observe(inner.Current);
                    return ValueTask.FromResult(true);
                }

                return EndAsync();
            }

            return ObserveAsync(next);
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

                if (_scope is { } scope)
                {
                    await scope.EndAsync().ConfigureAwait(false);
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
            catch (Exception ex)
            {
                _scope!.Fail(ex, cancellationToken.IsCancellationRequested);
                throw;
            }

            if (!more)
            {
                return await EndAsync().ConfigureAwait(false);
            }

            Observe(_inner!.Current);
            return true;
        }

        private void Observe(MessageChunk chunk)
        {
            var seen = _scope!.Observe(chunk);
            if (!ReferenceEquals(seen, chunk))
            {
                _final = seen;
            }
        }

        private async ValueTask<bool> EndAsync()
        {
            _finished = true;
            await _scope!.EndAsync().ConfigureAwait(false);
            return false;
        }

        private async ValueTask<bool> OpenAsync()
        {
            try
            {
                (_inner, _scope) = await provider.OpenAsync(prepare, alwaysStream, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Like an async iterator: once it has thrown, the sequence is over.
                _finished = true;
                throw;
            }

            return true;
        }
    }
}
