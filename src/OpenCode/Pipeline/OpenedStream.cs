namespace OpenCode.Pipeline;

/// <summary>
/// A stream whose first chunk was already read (by a stage that retries or fails over until a first chunk arrives): hands that
/// chunk on first, then every move straight to the stream.
/// </summary>
internal sealed class OpenedStream(IAsyncEnumerator<MessageChunk> opened, IDisposable? owned = null) : IAsyncEnumerator<MessageChunk>
{
    private bool _firstHandedOn;

    public MessageChunk Current => opened.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        if (!_firstHandedOn)
        {
            _firstHandedOn = true;
            return ValueTask.FromResult(true);
        }

        return opened.MoveNextAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await opened.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
