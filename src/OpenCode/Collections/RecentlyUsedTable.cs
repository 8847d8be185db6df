using System.Collections.Concurrent;

namespace OpenCode.Collections;

/// <summary>
/// A thread-safe table of per-key state (per model, per endpoint and model) that forgets its least recently used key
/// once it holds more than <see cref="Capacity"/>: models come and go on a server, and a long-running process must not
/// keep a row for every model it ever saw.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The state kept per key.</typeparam>
internal sealed class RecentlyUsedTable<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The capacity the per-model tables use: far more models than a server serves at once.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<TKey, Slot> _slots;
    private readonly Lock _evictGate = new();
    private long _clock;

    public RecentlyUsedTable(int capacity = DefaultCapacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new ConcurrentDictionary<TKey, Slot>(comparer);
    }

    /// <summary>Gets the most keys the table holds.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many keys the table holds.</summary>
    public int Count => _slots.Count;

    /// <summary>Gets the keys and their state, in no order.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Entries => _slots.Select(pair => new KeyValuePair<TKey, TValue>(pair.Key, pair.Value.Value));

    /// <summary>Returns the state of <paramref name="key"/>, created by <paramref name="factory"/> if absent, and marks the key as just used.</summary>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> factory, TArg argument)
    {
        var stamp = Interlocked.Increment(ref _clock);
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = _slots.GetOrAdd(key, static (k, state) => new Slot(state.Factory(k, state.Argument)), (Factory: factory, Argument: argument));
            Volatile.Write(ref slot.LastUsed, stamp);
            if (_slots.Count > Capacity)
            {
                EvictLeastRecentlyUsed();
            }

            return slot.Value;
        }

        Volatile.Write(ref slot.LastUsed, stamp);
        return slot.Value;
    }

    private void EvictLeastRecentlyUsed()
    {
        lock (_evictGate)
        {
            while (_slots.Count > Capacity)
            {
                _slots.TryRemove(_slots.MinBy(pair => Volatile.Read(ref pair.Value.LastUsed)));
            }
        }
    }

    private sealed class Slot(TValue value)
    {
#pragma warning disable SA1401 // Updated with Volatile on every use.
        public long LastUsed;
#pragma warning restore SA1401

        public TValue Value { get; } = value;
    }
}
