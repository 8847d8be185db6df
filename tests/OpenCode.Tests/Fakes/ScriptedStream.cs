namespace OpenCode.Tests.Fakes;

/// <summary>A response body that hands out fixed pieces, one per read, then ends, fails, or waits for cancellation.</summary>
public sealed class ScriptedStream(IReadOnlyList<byte[]> pieces, ScriptedStream.Ending ending = ScriptedStream.Ending.Complete) : Stream
{
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _index;
    private int _offset;

    public enum Ending
    {
        Complete,
        ConnectionReset,
        Hang,
    }

    /// <summary>Completes when a read was cancelled (the client aborted the request).</summary>
    public Task Cancelled => _cancelled.Task;

    public TaskCompletionSource PiecesDelivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static ScriptedStream SplitEvery(byte[] body, int size, Ending ending = Ending.Complete) =>
        new(body.Chunk(size).ToList(), ending);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_index < pieces.Count)
        {
            var piece = pieces[_index];
            var count = Math.Min(buffer.Length, piece.Length - _offset);
            piece.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            if (_offset == piece.Length)
            {
                _index++;
                _offset = 0;
            }

            return count;
        }

        PiecesDelivered.TrySetResult();
        switch (ending)
        {
            case Ending.ConnectionReset:
                throw new IOException("Connection reset by peer");
            case Ending.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _cancelled.TrySetResult();
                    throw;
                }

                return 0;
            default:
                return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
