namespace OpenCode.Alerts;

/// <summary>How urgent an <see cref="AlertEvent"/> is.</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing; nothing has failed yet (a budget at its warning share).</summary>
    Warning,

    /// <summary>Requests fail because of it (a used-up budget).</summary>
    Critical,
}
