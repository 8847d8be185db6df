namespace OpenCode.Storage;

/// <summary>Health and cooldown state of server instances, shared so a fleet of app instances agrees on which servers are sick.</summary>
internal interface IInstanceHealthStore
{
    /// <summary>Reads the last state every instance was reported in.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states, one per instance that has one.</returns>
    ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes an instance's state, unless the stored one is newer (<see cref="InstanceHealthRecord.UpdatedAt"/>).</summary>
    /// <param name="record">The state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the state is stored.</returns>
    ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default);
}

/// <summary>One instance's health as shared through <see cref="IInstanceHealthStore"/>.</summary>
/// <param name="Instance">The instance name.</param>
/// <param name="Healthy">Whether it is taking requests.</param>
/// <param name="CooldownUntil">When an unhealthy instance is next probed, or <see langword="null"/>.</param>
/// <param name="LastError">The last error code and message, or <see langword="null"/>.</param>
/// <param name="UpdatedAt">When this state was observed.</param>
internal sealed record InstanceHealthRecord(string Instance, bool Healthy, DateTimeOffset? CooldownUntil, string? LastError, DateTimeOffset UpdatedAt);
