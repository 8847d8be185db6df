namespace OpenCode.Pipeline;

/// <summary>
/// Chunks whose stream is opened by an async step on the first <c>MoveNextAsync</c> (each enumeration opens its own, as an async
/// iterator would); every later move goes straight to the opened stream, with no async state machine in between.
/// </summary>
/// <typeparam name="TState">What the opening step needs, passed without a closure.</typeparam>
internal sealed class DeferredChunks<TState>(
    Func<TState, CancellationToken, ValueTask<IAsyncEnumerator<MessageChunk>>> open, TState state, CancellationToken callToken) : IAsyncEnumerable<MessageChunk>
{
    public IAsyncEnumerator<MessageChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var token = Client.EnumeratorCancellation.Combine(callToken, cancellationToken, out var linked);
        return new Enumerator(open, state, token, linked);
    }

    private sealed class Enumerator(
        Func<TState, CancellationToken, ValueTask<IAsyncEnumerator<MessageChunk>>> open, TState state, CancellationToken cancellationToken, CancellationTokenSource? linked)
        : IAsyncEnumerator<MessageChunk>
    {
        private IAsyncEnumerator<MessageChunk>? _inner;
        private bool _failed;

        public MessageChunk Current => _inner!.Current;

        public ValueTask<bool> MoveNextAsync() => _inner is { } inner ? inner.MoveNextAsync() : _failed ? ValueTask.FromResult(false) : StartAsync();

        public async ValueTask DisposeAsync()
        {
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

        private async ValueTask<bool> StartAsync()
        {
            try
            {
                _inner = await open(state, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Like an async iterator: once it has thrown, the sequence is over.
                _failed = true;
                throw;
            }

            return await _inner.MoveNextAsync().ConfigureAwait(false);
        }
    }
}
