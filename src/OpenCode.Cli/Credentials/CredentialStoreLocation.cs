namespace OpenCode.Cli.Credentials;

/// <summary>Where <c>opencode</c> keeps credentials: <c>$XDG_CONFIG_HOME/opencode/credentials</c> (or <c>%APPDATA%</c>), the key ring under the local data folder.</summary>
internal static class CredentialStoreLocation
{
    /// <summary>The variable (after the prefix) that moves the whole store, key ring included, e.g. <c>OPENCODE_CREDENTIAL_STORE</c>.</summary>
    public const string Variable = "CREDENTIAL_STORE";

    public static ProtectedFileCredentialStore Open(string environmentPrefix)
    {
        if (Environment.GetEnvironmentVariable(environmentPrefix + Variable) is { Length: > 0 } folder)
        {
            return new ProtectedFileCredentialStore(folder, Path.Combine(folder, ".keys"));
        }

        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return new ProtectedFileCredentialStore(Path.Combine(config, "opencode", "credentials"), Path.Combine(data, "opencode", "keys"));
    }
}
