namespace OpenCode.Configuration;

/// <summary>The period a quota budget covers; periods start at midnight UTC.</summary>
public enum QuotaPeriod
{
    /// <summary>A UTC day.</summary>
    Daily,

    /// <summary>A UTC calendar month.</summary>
    Monthly,
}
