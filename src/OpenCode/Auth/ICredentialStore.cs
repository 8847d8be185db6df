namespace OpenCode.Auth;

/// <summary>Keeps named credentials out of config files; <c>auth.credential</c> and <c>auth.hmac.credential</c> refer to them by name.</summary>
/// <remarks>Implementations encrypt at rest and keep their files readable by the owner only; <c>opencode</c> ships one.</remarks>
public interface ICredentialStore
{
    /// <summary>Reads a credential.</summary>
    /// <param name="name">The credential's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credential, or <see langword="null"/> when none has that name.</returns>
    Task<StoredCredential?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a credential.</summary>
    /// <param name="name">The credential's name.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the credential is stored durably.</returns>
    Task SetAsync(string name, StoredCredential credential, CancellationToken cancellationToken);

    /// <summary>Removes a credential.</summary>
    /// <param name="name">The credential's name.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns><see langword="true"/> when there was one to remove.</returns>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Lists the stored credentials.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credentials by name, in name order.</returns>
    Task<IReadOnlyList<KeyValuePair<string, StoredCredential>>> ListAsync(CancellationToken cancellationToken);
}
