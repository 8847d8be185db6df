namespace OpenCode.Client;

/// <summary>
/// Bounds one server-sent event as its bytes arrive, before the SSE parser buffers them: a line or an event (the lines up to a
/// blank line) longer than the limit fails the stream with INVALID_RESPONSE instead of growing a buffer without end.
/// </summary>
/// <remarks>Scans each read once for line ends (vectorised), so a normal stream pays about one search per line.</remarks>
internal struct EventSizeLimit(long maxEventBytes)
{
    private long _eventBytes;
    private long _lineBytes;
    private bool _afterCarriageReturn;

    public readonly long MaxEventBytes => maxEventBytes;

    /// <summary>Counts the bytes of one read; throws when the current event grew past the limit.</summary>
    public void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                Add(bytes.Length);
                return;
            }

            if (end > 0)
            {
                Add(end);
            }

            var terminator = bytes[end];
            if (terminator == (byte)'\n' && _afterCarriageReturn && end == 0)
            {
                // The \n of a \r\n pair: the line already ended at the \r.
                _afterCarriageReturn = false;
                bytes = bytes[1..];
                continue;
            }

            if (_lineBytes == 0)
            {
                // A blank line ends the event.
                _eventBytes = 0;
            }

            _lineBytes = 0;
            _afterCarriageReturn = terminator == (byte)'\r';
            bytes = bytes[(end + 1)..];
        }
    }

    private void Add(int count)
    {
        _afterCarriageReturn = false;
        _lineBytes += count;
        _eventBytes += count;
        if (_eventBytes > maxEventBytes)
        {
            throw new OpenCodeInvalidResponseException(
                $"A server-sent event grew past {maxEventBytes} bytes (the maxEventSize setting) without ending; the stream was stopped instead of buffering it.");
        }
    }
}
