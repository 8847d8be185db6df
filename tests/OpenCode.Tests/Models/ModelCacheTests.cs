using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Models;

namespace OpenCode.Tests.Models;

public sealed class ModelCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetModels_WithinCacheTimeout_AsksTheServerOnce()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        var time = new FakeTimeProvider();
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { CacheTimeout = 60 }, time);

        await manager.GetModelsAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(59));
        await manager.GetModelsAsync(Ct);

        fake.Count("/api/tags").ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(2));
        await manager.GetModelsAsync(Ct);
        fake.Count("/api/tags").ShouldBe(2);
    }

    [Fact]
    public async Task Refresh_FingerprintUnchanged_KeepsMetadataWithoutShow()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);
        var changes = new List<ModelChangedEventArgs>();
        manager.ModelChanged += (_, e) => changes.Add(e);

        var first = await manager.GetModelsAsync(Ct);
        var second = await manager.RefreshAsync(Ct);

        fake.Count("/api/show").ShouldBe(2); // one per model, once
        second[0].ShouldBeSameAs(first[0]);
        changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Refresh_DigestChanged_ReadsTheModelAgainAndRaisesModelChanged()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);
        var changes = new List<ModelChangedEventArgs>();
        manager.ModelChanged += (_, e) => changes.Add(e);
        await manager.GetModelsAsync(Ct);

        fake.Routes["/api/tags"] = DialectFixtures.Ollama(digest: "ffff96514337a3d5901f1d253d01726c890b721e891335a56d6e08cedf3e2cb0")["/api/tags"];
        var models = await manager.RefreshAsync(Ct);

        fake.Count("/api/show").ShouldBe(3);
        changes.Single().Model.Id.ShouldBe("qwen2.5-coder:7b");
        changes.Single().Previous.Digest.ShouldStartWith("2b04");
        models[0].Fingerprint.Digest.ShouldStartWith("ffff");
    }

    [Fact]
    public async Task GetModels_EnabledModels_FiltersAndSkipsDescribingOthers()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { EnabledModels = ["llama3.2:3b"] });

        var models = await manager.GetModelsAsync(Ct);

        models.Select(m => m.Id).ShouldBe(["llama3.2:3b"]);
        fake.Count("/api/show").ShouldBe(1);
    }

    [Fact]
    public async Task GetModel_DefaultModelOrMissing()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { DefaultModel = "llama3.2:3b" });

        (await manager.GetModelAsync(cancellationToken: Ct)).Id.ShouldBe("llama3.2:3b");
        (await manager.GetModelAsync("qwen2.5-coder:7b", Ct)).Family.ShouldBe("qwen2.5-coder");
        var ex = await Should.ThrowAsync<OpenCodeException>(() => manager.GetModelAsync("nope", Ct));
        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
    }

    [Fact]
    public async Task GetModels_AutoDiscoveryOff_ListsConfiguredModelsWithoutListing()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { AutoDiscovery = false, DefaultModel = "codellama:7b-code", Dialect = ServerDialects.Ollama });

        var model = (await manager.GetModelsAsync(Ct)).Single();

        model.Id.ShouldBe("codellama:7b-code");
        model.Family.ShouldBe("codellama");
        model.Dialect.ShouldBe(ServerDialects.Ollama);
        fake.Handler.Requests.ShouldBeEmpty();
    }
}
