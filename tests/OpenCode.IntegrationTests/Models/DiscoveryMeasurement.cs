using System.Diagnostics;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Local.TinyModels;
using OpenCode.Models;

namespace OpenCode.IntegrationTests.Models;

/// <summary>
/// Measures discovery of a real local llama-server (a benchmark, not a timed test: it asserts what was found, and writes the times).
/// Run: <c>dotnet test tests/OpenCode.IntegrationTests --filter FullyQualifiedName~DiscoveryMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DiscoveryMeasurement(LlamaServerFixture fixture)
{
    private const int Rounds = 50;

    [Fact]
    public async Task Discovery_RealLlamaServer_FirstProbeThenRefreshes()
    {
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(90));
        var model = fixture.CreateModel("discovery-deepseek", new TinyModelSpec
        {
            EmbeddingLength = 32,
            HeadCount = 2,
            Vocabulary = LlamaServerFixture.RequireVocabulary("deepseek-coder"),
        });
        var server = await fixture.StartAsync(model, new LocalServerOptions { ContextSize = 512 }, cts.Token);
        using var client = new OpenCodeClient(new OpenCodeClientOptions { Endpoint = server.BaseAddress });

        var first = Stopwatch.StartNew();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { CacheTimeout = 0 });
        var models = await manager.GetModelsAsync(cts.Token);
        first.Stop();

        var refreshes = new double[Rounds];
        for (var i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await manager.RefreshAsync(cts.Token);
            refreshes[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(refreshes);
        models.Single().Family.ShouldBe("deepseek-coder");
        models.Single().Dialect.ShouldBe(ServerDialects.LlamaCpp);
        TestContext.Current.SendDiagnosticMessage(
            $"Discovery: first (probe + describe) {first.Elapsed.TotalMilliseconds:0.0} ms; after the first probe, {Rounds} refreshes: "
            + $"median {refreshes[Rounds / 2]:0.00} ms, p95 {refreshes[(int)(Rounds * 0.95)]:0.00} ms, max {refreshes[^1]:0.00} ms.");
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"first {first.Elapsed.TotalMilliseconds:0.0} ms; refresh median {refreshes[Rounds / 2]:0.00} ms, p95 {refreshes[(int)(Rounds * 0.95)]:0.00} ms, max {refreshes[^1]:0.00} ms");
    }
}
