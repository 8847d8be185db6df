using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenCode.Configuration;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class JwtAssertionAuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public async Task Request_EachAlgorithm_SendsTokenThatVerifiesWithThePublicKey(string algorithm)
    {
        var (privatePem, publicKey) = KeyPair(algorithm);
        var clock = new FakeTimeProvider();
        var (handler, tokens) = Capturing();
        using var client = await CreateAsync(handler, clock, Jwt(privatePem, algorithm));

        await client.ListModelsAsync(Ct);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.ShouldHaveSingleItem(), new TokenValidationParameters
        {
            IssuerSigningKey = publicKey,
            ValidIssuer = "opencode-tests",
            ValidAudience = "https://gateway.test",
            ValidAlgorithms = [algorithm],
            ValidateLifetime = false,
        });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        token.Subject.ShouldBe("svc-build");
        token.GetHeaderValue<string>("kid").ShouldBe("key-1");
        token.IssuedAt.ShouldBe(clock.GetUtcNow().UtcDateTime);
        token.ValidTo.ShouldBe(clock.GetUtcNow().UtcDateTime.AddSeconds(3600));
    }

    [Fact]
    public async Task Token_NearExpiry_ResignedOnlyWithinTheLastMinute()
    {
        var (privatePem, _) = KeyPair("ES256");
        var clock = new FakeTimeProvider();
        var (handler, tokens) = Capturing();
        using var client = await CreateAsync(handler, clock, Jwt(privatePem, "ES256"));

        await client.ListModelsAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(3600 - 61));
        await client.ListModelsAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(2));
        await client.ListModelsAsync(Ct);

        tokens[1].ShouldBe(tokens[0]);
        tokens[2].ShouldNotBe(tokens[1]);
        new JsonWebToken(tokens[2]).ValidTo.ShouldBe(clock.GetUtcNow().UtcDateTime.AddSeconds(3600));
    }

    [Theory]
    [InlineData("ES256", "ES384", "needs a P-384 key")]
    [InlineData("RS256", "ES256", "is not a PEM EC private key")]
    [InlineData("ES256", "RS256", "is not a PEM RSA private key")]
    public async Task Create_KeyDoesNotFitAlgorithm_FailsNamingTheSettingNotTheKey(string keyAlgorithm, string configured, string expected)
    {
        var (privatePem, _) = KeyPair(keyAlgorithm);
        var (handler, _) = Capturing();

        var error = await Should.ThrowAsync<OpenCodeConfigurationException>(() => CreateAsync(handler, new FakeTimeProvider(), Jwt(privatePem, configured)));

        error.Message.ShouldContain("auth.jwt.privateKey");
        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain("-----BEGIN");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, false)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PrivateKeyFile_ReadableByOthersOrNot_SignsAndWarnsOnlyWhenOpen(UnixFileMode mode, bool warns)
    {
        var (privatePem, _) = KeyPair("RS256");
        var folder = Directory.CreateTempSubdirectory("opencode-jwt-");
        try
        {
            var path = Path.Combine(folder.FullName, "signing.pem");
            await File.WriteAllTextAsync(path, privatePem, Ct);
            File.SetUnixFileMode(path, mode);
            using var logs = new CapturingLoggerProvider();
            var (handler, tokens) = Capturing();
            var auth = new AuthOptions { Jwt = { PrivateKeyFile = path, Subject = "svc" } };
            using var client = await AuthHarness.CreateClientAsync(
                ClientHarness.Endpoint, auth, new FakeTimeProvider(), new HttpClient(handler), logger: logs.CreateLogger("OpenCode.Auth"));

            await client.ListModelsAsync(Ct);

            new JsonWebToken(tokens.ShouldHaveSingleItem()).Subject.ShouldBe("svc");
            logs.Lines.Any(l => l.Contains("can be read or written by other users", StringComparison.Ordinal)).ShouldBe(warns);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PrivateKeyEnvironmentVariable_SetOrNot_SignsOrNamesTheVariable()
    {
        var (privatePem, publicKey) = KeyPair("ES384");
        var variable = $"OPENCODE_TEST_JWT_{Guid.NewGuid():N}";
        var auth = new AuthOptions { Jwt = { PrivateKeyEnvironmentVariable = variable, Algorithm = "ES384" } };
        var (handler, tokens) = Capturing();

        var unset = await Should.ThrowAsync<OpenCodeConfigurationException>(() => CreateAsync(handler, new FakeTimeProvider(), auth));
        Environment.SetEnvironmentVariable(variable, privatePem);
        try
        {
            using var client = await CreateAsync(handler, new FakeTimeProvider(), auth);
            await client.ListModelsAsync(Ct);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        unset.Message.ShouldBe($"auth.jwt.privateKeyEnvironmentVariable: the environment variable {variable} is not set.");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(
            tokens.ShouldHaveSingleItem(), new TokenValidationParameters { IssuerSigningKey = publicKey, ValidateAudience = false, ValidateIssuer = false, ValidateLifetime = false });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    internal static (string PrivatePem, SecurityKey PublicKey) KeyPair(string algorithm)
    {
        if (algorithm.StartsWith("RS", StringComparison.Ordinal))
        {
            var rsa = RSA.Create(2048);
            return (rsa.ExportPkcs8PrivateKeyPem(), new RsaSecurityKey(rsa.ExportParameters(false)));
        }

        var curve = algorithm switch { "ES256" => ECCurve.NamedCurves.nistP256, "ES384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 };
        var ec = ECDsa.Create(curve);
        var pub = ECDsa.Create(ec.ExportParameters(false));
        return (ec.ExportPkcs8PrivateKeyPem(), new ECDsaSecurityKey(pub));
    }

    internal static AuthOptions Jwt(string privatePem, string algorithm) => new()
    {
        Jwt = { PrivateKey = privatePem, Algorithm = algorithm, Issuer = "opencode-tests", Subject = "svc-build", Audience = "https://gateway.test", KeyId = "key-1" },
    };

    private static (ScriptedHandler Handler, List<string> Tokens) Capturing()
    {
        var tokens = new List<string>();
        var handler = new ScriptedHandler((request, _, _) =>
        {
            tokens.Add(request.Headers.Authorization!.Parameter!);
            return Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"a"}]}"""));
        });
        return (handler, tokens);
    }

    private static Task<OpenCode.Client.OpenCodeClient> CreateAsync(ScriptedHandler handler, FakeTimeProvider clock, AuthOptions auth) =>
        AuthHarness.CreateClientAsync(ClientHarness.Endpoint, auth, clock, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
}
