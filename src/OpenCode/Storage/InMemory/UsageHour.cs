namespace OpenCode.Storage.InMemory;

/// <summary>The key of one hourly total in the in-memory ledger: the UTC hour's start, endpoint, model and credential.</summary>
internal readonly record struct UsageHour(DateTimeOffset Start, string Endpoint, string Model, string? Credential)
{
    public static UsageHour Of(UsageRecord record)
    {
        var ticks = record.Timestamp.UtcTicks;
        return new(new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerHour), TimeSpan.Zero), record.Endpoint, record.Model, record.Credential);
    }
}
