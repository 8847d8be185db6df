namespace OpenCode.Storage.InMemory;

/// <summary>Instance health in this process's memory.</summary>
internal sealed class InMemoryInstanceHealthStore : IInstanceHealthStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, InstanceHealthRecord> _records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InstanceHealthRecord> all = [.. _records.Values.OrderBy(r => r.Instance, StringComparer.Ordinal)];
            return ValueTask.FromResult(all);
        }
    }

    /// <inheritdoc />
    public ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_records.TryGetValue(record.Instance, out var stored) || stored.UpdatedAt <= record.UpdatedAt)
            {
                _records[record.Instance] = record;
            }
        }

        return ValueTask.CompletedTask;
    }
}
