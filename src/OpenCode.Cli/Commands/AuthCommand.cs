using System.CommandLine;
using OpenCode.Auth;
using OpenCode.Cli.Credentials;
using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode auth set|list|remove</c>: credentials stored encrypted, referred to by name from config or <c>--credential</c>.</summary>
internal static class AuthCommand
{
    private static readonly Dictionary<string, CredentialKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api-key"] = CredentialKind.ApiKey,
        ["oauth2-client-secret"] = CredentialKind.OAuth2ClientSecret,
        ["oauth2-refresh-token"] = CredentialKind.OAuth2RefreshToken,
        ["jwt-private-key"] = CredentialKind.JwtPrivateKey,
        ["hmac-secret"] = CredentialKind.HmacSecret,
    };

    public static Command Create(CliContext context, CommonOptions common)
    {
        var name = new Argument<string>("NAME") { Description = "The credential's name, as auth.credential or --credential refer to it." };
        var kind = new Option<string>("--kind")
        {
            Description = "What the secret is: " + string.Join(", ", Kinds.Keys) + ".",
            HelpName = "KIND",
            DefaultValueFactory = _ => "api-key",
        };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var set = new Command("set", "Store a credential, read from standard input (never from the command line), encrypted and readable by you only.") { name, kind };
        set.SetAction((parseResult, token) => Run(context, token, (store, ct) => SetAsync(context, store, parseResult.GetValue(name)!, Kinds[parseResult.GetValue(kind)!], ct)));

        var list = new Command("list", "List stored credentials with their kind; secrets are masked.");
        list.SetAction((parseResult, token) => Run(context, token, (store, ct) => ListAsync(context, store, parseResult.GetValue(common.Json), ct)));

        var removeName = new Argument<string>("NAME") { Description = "The credential to remove." };
        var remove = new Command("remove", "Remove a stored credential.") { removeName };
        remove.SetAction((parseResult, token) => Run(context, token, (store, ct) => RemoveAsync(context, store, parseResult.GetValue(removeName)!, ct)));

        return new Command("auth", "Manage stored credentials (see docs/auth.md).") { set, list, remove };
    }

    private static async Task<int> Run(CliContext context, CancellationToken cancellationToken, Func<ProtectedFileCredentialStore, CancellationToken, Task<int>> body)
    {
        try
        {
            return await body(CredentialStoreLocation.Open(context.EnvironmentPrefix), cancellationToken);
        }
        catch (Exception exception) when (exception is OpenCodeException or IOException or UnauthorizedAccessException)
        {
            return ErrorReporter.Report(context.Error, exception, verbose: false);
        }
    }

    private static async Task<int> SetAsync(CliContext context, ProtectedFileCredentialStore store, string name, CredentialKind kind, CancellationToken cancellationToken)
    {
        if (!CredentialName.IsValid(name))
        {
            throw new OpenCodeConfigurationException($"'{name}' is not a valid credential name ({CredentialName.Rule}).");
        }

        var secret = await SecretReader.ReadAsync(context, $"Secret for '{name}' (input hidden): ", cancellationToken);
        if (secret.Length == 0)
        {
            throw new OpenCodeConfigurationException("No secret was given on standard input; pipe it in, e.g. 'opencode auth set NAME < key.txt'.");
        }

        if (kind == CredentialKind.JwtPrivateKey && !(secret.Contains("-----BEGIN", StringComparison.Ordinal) && secret.Contains("PRIVATE KEY-----", StringComparison.Ordinal)))
        {
            throw new OpenCodeConfigurationException("A jwt-private-key must be a PEM private key (-----BEGIN ... PRIVATE KEY-----).");
        }

        await store.SetAsync(name, new StoredCredential(kind, secret), cancellationToken);
        await context.Error.WriteLineAsync($"Stored '{name}' ({kind}) in {store.Folder}.");
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CliContext context, ProtectedFileCredentialStore store, bool json, CancellationToken cancellationToken)
    {
        var rows = (await store.ListAsync(cancellationToken)).Select(c => new CredentialJson(c.Key, c.Value.Kind.ToString(), c.Value.Masked)).ToList();
        if (json)
        {
            await JsonOutput.WriteAsync(context.Out, rows, CliJsonContext.Default.ListCredentialJson);
            return ExitCodes.Success;
        }

        if (rows.Count == 0)
        {
            await context.Error.WriteLineAsync("No stored credentials; add one with 'opencode auth set NAME'.");
        }

        var width = rows.Select(r => r.Name.Length).DefaultIfEmpty(4).Max();
        foreach (var row in rows)
        {
            await context.Out.WriteLineAsync($"{row.Name.PadRight(width)}  {row.Kind,-18}  {row.Secret}");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> RemoveAsync(CliContext context, ProtectedFileCredentialStore store, string name, CancellationToken cancellationToken)
    {
        if (!await store.RemoveAsync(name, cancellationToken))
        {
            throw new OpenCodeConfigurationException($"There is no stored credential named '{name}'.");
        }

        await context.Error.WriteLineAsync($"Removed '{name}'.");
        return ExitCodes.Success;
    }
}
