using System.Collections.Concurrent;
using OpenCode.Storage;

namespace OpenCode.Tests.Routing;

/// <summary>A response cache store in a dictionary, honouring expiry against the time it is given.</summary>
internal sealed class FakeResponseCacheStore : IResponseCacheStore
{
    public ConcurrentDictionary<string, (string Payload, DateTimeOffset ExpiresAt)> Entries { get; } = new();

    public ValueTask<string?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now ? entry.Payload : null);

    public ValueTask SetAsync(string key, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Entries[key] = (payload, expiresAt);
        return ValueTask.CompletedTask;
    }
}

/// <summary>An instance health store in a dictionary, keeping the newest record per instance.</summary>
internal sealed class FakeInstanceHealthStore : IInstanceHealthStore
{
    public ConcurrentDictionary<string, InstanceHealthRecord> Records { get; } = new();

    public ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<InstanceHealthRecord>>([.. Records.Values]);

    public ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default)
    {
        Records.AddOrUpdate(record.Instance, record, (_, old) => old.UpdatedAt > record.UpdatedAt ? old : record);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Randomness that returns scripted values.</summary>
internal sealed class ScriptedRandom(params double[] values) : Random
{
    private int _next;

    public override double NextDouble() => values[_next++ % values.Length];

    public override int Next(int maxValue) => (int)(NextDouble() * maxValue);
}
