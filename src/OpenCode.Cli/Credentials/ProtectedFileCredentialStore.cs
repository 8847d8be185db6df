using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using OpenCode.Auth;

namespace OpenCode.Cli.Credentials;

/// <summary>
/// Stores each credential as one file encrypted with ASP.NET Core DataProtection (AES-256-CBC + HMAC-SHA256), bound to its name,
/// in an owner-only folder (0700, files 0600); the key ring sits in its own owner-only folder, apart from the credentials.
/// </summary>
/// <remarks>
/// On Linux and macOS the key ring is protected by its permissions, as SSH keys are; on Windows DataProtection also encrypts it with DPAPI.
/// Copying the credential files alone (a synced or backed-up config folder) reveals nothing.
/// </remarks>
internal sealed class ProtectedFileCredentialStore(string folder, string keyRingFolder) : ICredentialStore
{
    private const string Extension = ".credential";
    private readonly Lazy<IDataProtectionProvider> _provider = new(() => CreateProvider(keyRingFolder));

    public string Folder { get; } = folder;

    public async Task<StoredCredential?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var protectedBytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        byte[] plain;
        try
        {
            plain = Protector(name).Unprotect(protectedBytes);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new OpenCodeConfigurationException(
                $"The stored credential '{name}' cannot be decrypted (the key ring in {keyRingFolder} is missing or changed); store it again with 'opencode auth set {name}'.");
        }

        var stored = JsonSerializer.Deserialize(plain, CredentialJsonContext.Default.CredentialFile)!;
        Array.Clear(plain);
        return new StoredCredential(stored.Kind, stored.Secret);
    }

    public async Task SetAsync(string name, StoredCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var plain = JsonSerializer.SerializeToUtf8Bytes(new CredentialFile(credential.Kind, credential.Secret), CredentialJsonContext.Default.CredentialFile);
        var protectedBytes = Protector(name).Protect(plain);
        Array.Clear(plain);
        OwnerOnlyFiles.EnsureFolder(Folder);
        await OwnerOnlyFiles.WriteAsync(PathOf(name), protectedBytes, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        var existed = File.Exists(path);
        File.Delete(path);
        return Task.FromResult(existed);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, StoredCredential>>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var names = Directory.EnumerateFiles(Folder, "*" + Extension).Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(CredentialName.IsValid);
        var list = new List<KeyValuePair<string, StoredCredential>>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (await GetAsync(name, cancellationToken).ConfigureAwait(false) is { } credential)
            {
                list.Add(new(name, credential));
            }
        }

        return list;
    }

    private static IDataProtectionProvider CreateProvider(string keyRingFolder)
    {
        var keys = OwnerOnlyFiles.EnsureFolder(keyRingFolder);
        var provider = DataProtectionProvider.Create(keys, builder =>
        {
            builder.SetApplicationName("opencode");
            if (OperatingSystem.IsWindows())
            {
                builder.ProtectKeysWithDpapi();
            }
        });

        // Make sure a key exists now, then narrow the files DataProtection wrote with the default mode.
        _ = provider.CreateProtector("OpenCode.KeyRing.Check").Protect([0]);
        OwnerOnlyFiles.Restrict(keys);
        return provider;
    }

    private IDataProtector Protector(string name) => _provider.Value.CreateProtector("OpenCode.Credentials.v1", name);

    private string PathOf(string name) =>
        CredentialName.IsValid(name)
            ? Path.Combine(Folder, name + Extension)
            : throw new OpenCodeConfigurationException($"'{name}' is not a valid credential name ({CredentialName.Rule}).");
}
