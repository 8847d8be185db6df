using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Auth;

public sealed class AuthCommandTests : IDisposable
{
    private const string Secret = "sk-cli-stored-5ecret-7788";
    private readonly string _store = Directory.CreateTempSubdirectory("opencode-creds-").FullName;

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact(Timeout = 30_000)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SetListRemove_SecretFromStdin_StoredEncryptedOwnerOnlyAndListedMasked()
    {
        var set = await RunAsync(Secret + "\n", "auth", "set", "work");
        var list = await RunAsync(null, "auth", "list");
        var json = await RunAsync(null, "auth", "list", "--json");

        set.ExitCode.ShouldBe(0, set.ToString());
        list.Stdout.ShouldContain("work");
        list.Stdout.ShouldContain("ApiKey");
        list.Stdout.ShouldContain("****7788");
        json.Stdout.ShouldContain("\"kind\": \"ApiKey\"");
        foreach (var output in (string[])[set.Stdout, set.Stderr, list.Stdout, list.Stderr, json.Stdout])
        {
            output.ShouldNotContain(Secret);
        }

        var file = Path.Combine(_store, "work.credential");
        (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).ShouldNotContain(Secret);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_store).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.EnumerateFiles(Path.Combine(_store, ".keys")).ShouldAllBe(f => File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));

        (await RunAsync(null, "auth", "remove", "work")).ExitCode.ShouldBe(0);
        (await RunAsync(null, "auth", "list")).Stdout.ShouldNotContain("work");
        (await RunAsync(null, "auth", "remove", "work")).ExitCode.ShouldBe(2);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(Secret, 0)]
    [InlineData("sk-cli-wrong-5ecret-9900", 3)]
    public async Task Models_StoredCredential_RightAuthenticatesWrongExitsThreeWithoutEchoing(string stored, int expectedExit)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = Secret });
        (await RunAsync(stored, "auth", "set", "work")).ExitCode.ShouldBe(0);

        var result = await RunAsync(null, "models", "--endpoint", server.Url, "--credential", "work", "--verbose");

        result.ExitCode.ShouldBe(expectedExit, result.ToString());
        result.Stdout.ShouldNotContain(stored);
        result.Stderr.ShouldNotContain(stored);
        if (expectedExit == 3)
        {
            result.Stderr.ShouldContain("stored credential 'work'");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_ConfigNamesStoredCredential_Authenticates()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = Secret });
        (await RunAsync(Secret, "auth", "set", "from-config")).ExitCode.ShouldBe(0);
        var config = CliRun.ConfigFile($$"""{ "apiEndpoint": "{{server.Url}}", "auth": { "credential": "from-config" } }""");

        var result = await RunAsync(null, "models", "--config", config, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        server.Requests.ShouldAllBe(r => r.Path == "/health" || r.Authorization == "Bearer " + Secret);
    }

    [Fact(Timeout = 30_000)]
    public async Task Verbose_JwtAndHmacCredentialsRejected_NoKeySecretOrSignedTokenPrinted()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = Secret });
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        (await RunAsync(pem, "auth", "set", "signer", "--kind", "jwt-private-key")).ExitCode.ShouldBe(0);
        (await RunAsync("hmac-cli-5ecret-4455", "auth", "set", "gw", "--kind", "hmac-secret")).ExitCode.ShouldBe(0);
        var config = CliRun.ConfigFile($$"""{ "apiEndpoint": "{{server.Url}}", "auth": { "jwt": { "algorithm": "ES256", "subject": "cli" }, "hmac": { "credential": "gw" } } }""");

        var result = await RunAsync(null, "chat", "hi", "--config", config, "--credential", "signer", "--verbose");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Stderr.ShouldContain("JWT assertion (stored credential 'signer', ES256, subject 'cli') with HMAC request signature");
        var printed = result.Stdout + result.Stderr;
        var secrets = server.Requests.Select(r => r.Authorization).Where(a => a.Length > 7).Select(a => a[7..]).Append(pem.Split('\n')[1]).Append("hmac-cli-5ecret-4455");
        secrets.Count().ShouldBeGreaterThan(2);
        foreach (var secret in secrets)
        {
            printed.ShouldNotContain(secret, Case.Sensitive);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_UnknownCredential_ExitsTwoNamingIt()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = Secret });

        var result = await RunAsync(null, "chat", "hi", "--endpoint", server.Url, "--credential", "nope");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("no stored credential named 'nope'");
        server.Requests.ShouldBeEmpty();
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_KeyOverPlainHttpToAnotherHost_ExitsTwoSayingHttpsIsRequired()
    {
        var result = await RunAsync(null, "chat", "hi", "--endpoint", "http://gateway.invalid/v1", "--api-key", Secret);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("HTTPS is required");
        result.Stderr.ShouldNotContain(Secret);
    }

    [Fact(Timeout = 30_000)]
    public async Task Set_NothingOnStdin_ExitsTwo()
    {
        var result = await RunAsync(string.Empty, "auth", "set", "empty");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("No secret was given on standard input");
    }

    private async Task<CliResult> RunAsync(string? stdin, params string[] args)
    {
        var prefix = $"OCT{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "CREDENTIAL_STORE", _store);
        Environment.SetEnvironmentVariable(prefix + "USAGE_DB", Path.Combine(_store, "usage.db"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var context = new CliContext(stdout, stderr, ErrorIsTerminal: false, prefix) { In = new StringReader(stdin ?? string.Empty) };
            var exitCode = await CliApp.RunAsync(args, context, TestContext.Current.CancellationToken);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "CREDENTIAL_STORE", null);
            Environment.SetEnvironmentVariable(prefix + "USAGE_DB", null);
        }
    }
}
