namespace OpenCode.Pipeline;

/// <summary>
/// A stage that does its work before a request goes on (<see cref="BeginAsync"/>) and then only watches the chunks coming back.
/// Its enumerator hands each chunk the inner stream had ready straight on, without an async state machine of its own, so a
/// stage costs a few checks per chunk.
/// </summary>
internal abstract class ObservingStage(GenerationStage inner) : DelegatingGenerationStage(inner)
{
    public sealed override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Stream(this, request, cancellationToken);
    }

    /// <summary>Runs before the request goes on: returns the request to pass to the inner stage and the observer of its chunks.</summary>
    protected abstract ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken);

    private sealed class Stream(ObservingStage stage, GenerationRequest request, CancellationToken callToken) : IAsyncEnumerable<MessageChunk>
    {
        public IAsyncEnumerator<MessageChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var token = Client.EnumeratorCancellation.Combine(callToken, cancellationToken, out var linked);
            return new Enumerator(stage, request, token, linked);
        }
    }

    private sealed class Enumerator(ObservingStage stage, GenerationRequest request, CancellationToken cancellationToken, CancellationTokenSource? linked)
        : IAsyncEnumerator<MessageChunk>
    {
        private IAsyncEnumerator<MessageChunk>? _inner;
        private ChunkObserver? _observer;
        private MessageChunk? _current;
        private bool _finished;
        private bool _ended;

        public MessageChunk Current => _current!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_finished)
            {
                return ValueTask.FromResult(false);
            }

            if (_inner is not { } inner)
            {
                return StartAsync();
            }

            ValueTask<bool> next;
            try
            {
                next = inner.MoveNextAsync();
            }
            catch (Exception ex)
            {
                Fail(ex);
                throw;
            }

            if (next.IsCompletedSuccessfully)
            {
                if (next.Result)
                {
                    _current = _observer is null ? inner.Current : _observer.OnChunk(inner.Current);
                    return ValueTask.FromResult(true);
                }

                // The end is observed as the stream ends, on this path as on the awaited one, not only when it is disposed.
                _finished = true;
                var end = EndAsync();
                return end.IsCompletedSuccessfully ? ValueTask.FromResult(false) : EndedAsync(end);
            }

            return AwaitAsync(next);
        }

        private static async ValueTask<bool> EndedAsync(ValueTask end)
        {
            await end.ConfigureAwait(false);
            return false;
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
                await EndAsync().ConfigureAwait(false);
                linked?.Dispose();
            }
        }

        private async ValueTask<bool> StartAsync()
        {
            try
            {
                var (passed, observer) = await stage.BeginAsync(request, cancellationToken).ConfigureAwait(false);
                _observer = observer;
                _inner = stage.InnerStage.GenerateAsync(passed, cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
            catch
            {
                // Like an async iterator: once it has thrown, the sequence is over.
                _finished = true;
                throw;
            }

            return await AwaitAsync(_inner.MoveNextAsync()).ConfigureAwait(false);
        }

        private async ValueTask<bool> AwaitAsync(ValueTask<bool> next)
        {
            bool more;
            try
            {
                more = await next.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail(ex);
                throw;
            }

            if (!more)
            {
                _finished = true;
                await EndAsync().ConfigureAwait(false);
                return false;
            }

            _current = _observer is null ? _inner!.Current : _observer.OnChunk(_inner!.Current);
            return true;
        }

        private void Fail(Exception exception)
        {
            _finished = true;
            _observer?.OnFailure(exception, cancellationToken.IsCancellationRequested);
        }

        private ValueTask EndAsync()
        {
            if (_ended || _observer is null)
            {
                return ValueTask.CompletedTask;
            }

            _ended = true;
            return _observer.OnEndAsync();
        }
    }
}
