using System.Runtime.CompilerServices;

namespace OpenCode.Client;

/// <summary>
/// A read-only pass-through over a response stream that notes when each read completed (a monotonic timestamp and the wall-clock
/// time), so the chunks parsed from those bytes carry their time of receipt without reading the clock once per chunk; it also bounds
/// the size of one event (<see cref="EventSizeLimit"/>) before the SSE parser buffers it.
/// </summary>
internal sealed class ReceiveClockStream(Stream inner, TimeProvider timeProvider, long maxEventBytes) : Stream
{
    private EventSizeLimit _limit = new(maxEventBytes);

    /// <summary>Gets the <see cref="TimeProvider.GetTimestamp"/> of the last completed read.</summary>
    public long Timestamp { get; private set; } = timeProvider.GetTimestamp();

    /// <summary>Gets the <see cref="TimeProvider.GetUtcNow"/> of the last completed read.</summary>
    public DateTimeOffset ReceivedAt { get; private set; } = timeProvider.GetUtcNow();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            Stamp(buffer.Span[..read.Result]);
            return read;
        }

        return AwaitReadAsync(read, buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Stamp(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Pooled: a read that has to wait for the network costs no allocation.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReadAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        var count = await read.ConfigureAwait(false);
        Stamp(buffer.Span[..count]);
        return count;
    }

    private void Stamp(ReadOnlySpan<byte> received)
    {
        _limit.Observe(received);
        Timestamp = timeProvider.GetTimestamp();
        ReceivedAt = timeProvider.GetUtcNow();
    }
}
