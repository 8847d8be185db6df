using System.Collections.Concurrent;
using OpenCode.Auth;

namespace OpenCode.Tests.Fakes;

/// <summary>A credential store in memory that records every write.</summary>
public sealed class MemoryCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<string, StoredCredential> _credentials = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Name, StoredCredential Credential)> Writes { get; } = new();

    /// <summary>Gets or sets a value indicating whether writes fail with an <see cref="IOException"/>, as on a full or read-only disk.</summary>
    public bool FailWrites { get; set; }

    public Task<StoredCredential?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_credentials.TryGetValue(name, out var credential) ? credential : null);

    public Task SetAsync(string name, StoredCredential credential, CancellationToken cancellationToken) => SetAsync(name, credential, cancellationToken, force: false);

    public Task SetAsync(string name, StoredCredential credential, CancellationToken cancellationToken, bool force)
    {
        if (FailWrites && !force)
        {
            throw new IOException("No space left on device");
        }

        _credentials[name] = credential;
        Writes.Enqueue((name, credential));
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_credentials.TryRemove(name, out _));

    public Task<IReadOnlyList<KeyValuePair<string, StoredCredential>>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, StoredCredential>>>([.. _credentials.OrderBy(c => c.Key, StringComparer.Ordinal)]);
}
