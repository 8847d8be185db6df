namespace OpenCode.Completion;

/// <summary>The service's counters, updated without locks.</summary>
internal sealed class CompletionCounters
{
    private long _requests;
    private long _generations;
    private long _cacheHits;
    private long _joins;
    private long _superseded;
    private long _cancelled;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Generation() => Interlocked.Increment(ref _generations);

    public void CacheHit() => Interlocked.Increment(ref _cacheHits);

    public void Join() => Interlocked.Increment(ref _joins);

    public void Supersede() => Interlocked.Increment(ref _superseded);

    public void Cancel() => Interlocked.Increment(ref _cancelled);

    public CodeCompletionStatistics Snapshot() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _generations),
        Interlocked.Read(ref _cacheHits),
        Interlocked.Read(ref _joins),
        Interlocked.Read(ref _superseded),
        Interlocked.Read(ref _cancelled));
}
