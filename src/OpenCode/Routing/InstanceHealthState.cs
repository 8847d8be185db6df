namespace OpenCode.Routing;

/// <summary>Whether a routed instance takes requests.</summary>
public enum InstanceHealthState
{
    /// <summary>Not contacted yet.</summary>
    Unknown,

    /// <summary>Taking requests.</summary>
    Healthy,

    /// <summary>Out of rotation, cooling down until it is probed back in.</summary>
    Unhealthy,
}
