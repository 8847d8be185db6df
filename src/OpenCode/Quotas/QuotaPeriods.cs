using OpenCode.Configuration;

namespace OpenCode.Quotas;

/// <summary>Where quota periods start and end: UTC days and UTC calendar months.</summary>
internal static class QuotaPeriods
{
    /// <summary>Returns the period of <paramref name="period"/> kind that contains <paramref name="now"/>.</summary>
    /// <param name="period">Daily or monthly.</param>
    /// <param name="now">The time.</param>
    /// <returns>The period's start (inclusive) and end (exclusive), in UTC.</returns>
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(QuotaPeriod period, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return period switch
        {
            QuotaPeriod.Daily => (new DateTimeOffset(utc.Date, TimeSpan.Zero), new DateTimeOffset(utc.Date, TimeSpan.Zero).AddDays(1)),
            QuotaPeriod.Monthly => (new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a quota period."),
        };
    }
}
