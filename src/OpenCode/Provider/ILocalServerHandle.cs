namespace OpenCode.Provider;

/// <summary>A local model server the provider started in direct mode and talks to like any endpoint.</summary>
internal interface ILocalServerHandle : IAsyncDisposable
{
    /// <summary>Gets the server's base URL.</summary>
    Uri BaseAddress { get; }

    /// <summary>Waits for a restart in progress; throws when the server died too often.</summary>
    Task EnsureRunningAsync(CancellationToken cancellationToken);
}
