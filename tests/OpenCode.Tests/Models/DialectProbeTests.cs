using OpenCode.Configuration;
using OpenCode.Models;

namespace OpenCode.Tests.Models;

public sealed class DialectProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Dialects => new()
    {
        { "llama.cpp", ServerDialects.LlamaCpp },
        { "ollama", ServerDialects.Ollama },
        { "vllm", ServerDialects.Vllm },
        { "tgi", ServerDialects.Tgi },
        { "opencode", ServerDialects.OpenCode },
        { "lmstudio", ServerDialects.OpenAi },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task GetDialect_ServerFixture_RecognisesItsDialect(string server, string dialect)
    {
        var fake = Server(server);
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        (await manager.GetDialectAsync(Ct)).ShouldBe(dialect);
        (await manager.GetModelsAsync(Ct)).ShouldAllBe(m => m.Dialect == dialect);
    }

    [Fact]
    public async Task Models_LlamaCpp_ReadsServerContextMetaAndTemplateCaps()
    {
        var fake = new DialectServer(DialectFixtures.LlamaCpp());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var model = (await manager.GetModelsAsync(Ct)).Single();

        model.Family.ShouldBe("deepseek-coder");
        model.Capabilities.ContextWindow.ShouldBe(4096);
        model.Capabilities.ChatTemplate.ShouldBe(true);
        model.Capabilities.FunctionCalling.ShouldBe(false);
        model.Capabilities.Multimodal.ShouldBe(false);
        model.Capabilities.CodeCompletion.ShouldBe(true); // no /tokenize here: the family's format
        model.Details.Parameters.ShouldBe(1346471936);
        model.Details.VocabularySize.ShouldBe(32256);
        model.Details.HiddenSize.ShouldBe(2048);
        model.Details.License.ShouldBeNull();
        model.Fingerprint.SizeBytes.ShouldBe(873582624);
    }

    [Theory]
    [InlineData("codellama-7b-instruct", "llama-2-7b.Q4_K_M", "codellama", "llama")]
    [InlineData("wizardcoder-15b-v1.0", "starcoder-15b.Q4_0", "wizardcoder", "starcoder")]
    public async Task Models_LlamaCppServedUnderAFineTuneName_KeepsTheMostSpecificFamilyAndRecordsTheBase(string id, string file, string family, string baseFamily)
    {
        var routes = DialectFixtures.LlamaCpp(id);
        routes["/props"] = routes["/props"].Replace($"/models/{id}.gguf", $"/models/{file}.gguf", StringComparison.Ordinal);
        var fake = new DialectServer(routes);
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var model = (await manager.GetModelsAsync(Ct)).Single();

        model.Family.ShouldBe(family);
        model.BaseFamily.ShouldBe(baseFamily);
    }

    [Fact]
    public async Task Models_Ollama_ReadsShowCapabilitiesModelInfoAndRunningContext()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var models = await manager.GetModelsAsync(Ct);

        var coder = models[0];
        coder.Id.ShouldBe("qwen2.5-coder:7b");
        coder.Family.ShouldBe("qwen2.5-coder");
        coder.Capabilities.ContextWindow.ShouldBe(8192); // /api/ps, the context it runs with
        coder.Capabilities.CodeCompletion.ShouldBe(true);
        coder.Capabilities.FunctionCalling.ShouldBe(true);
        coder.Capabilities.Multimodal.ShouldBe(false);
        coder.Metadata.Architecture.ShouldBe("qwen2");
        coder.Details.Parameters.ShouldBe(7615616512);
        coder.Details.Layers.ShouldBe(28);
        coder.Details.AttentionHeads.ShouldBe(28);
        coder.Details.HiddenSize.ShouldBe(3584);
        coder.Details.License.ShouldBe("Apache License Version 2.0");
        coder.Fingerprint.Digest.ShouldStartWith("2b0496514337");
        fake.Handler.Requests.Where(r => r.Uri.AbsolutePath == "/api/show").Select(r => r.Body).ShouldContain("""{"model":"qwen2.5-coder:7b"}""");
    }

    [Fact]
    public async Task Models_Vllm_ReadsMaxModelLenAndLoraParent()
    {
        var fake = new DialectServer(DialectFixtures.Vllm());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var models = await manager.GetModelsAsync(Ct);

        models[0].Capabilities.ContextWindow.ShouldBe(32768);
        models[0].Family.ShouldBe("qwen2.5-coder");
        models[0].Version.ShouldBe("0.6.4.post1");
        models[0].Metadata.FineTuned.ShouldBe(false);
        models[1].Id.ShouldBe("sql-adapter");
        models[1].Metadata.BaseModel.ShouldBe("Qwen/Qwen2.5-Coder-7B-Instruct");
        models[1].Metadata.FineTuned.ShouldBe(true);
        models[1].Family.ShouldBe("qwen2.5-coder"); // inherits its base family
    }

    [Fact]
    public async Task Models_Tgi_ReadsInfo()
    {
        var fake = new DialectServer(DialectFixtures.Tgi());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var model = (await manager.GetModelsAsync(Ct)).Single();

        model.Id.ShouldBe("bigcode/starcoder2-15b");
        model.Family.ShouldBe("starcoder");
        model.Capabilities.ContextWindow.ShouldBe(4096);
        model.Version.ShouldBe("2.4.0");
        model.Fingerprint.Digest.ShouldBe("46d44742909c0a7f4b2ae49b35a29b0ab5d4b5cf");
    }

    [Fact]
    public async Task Models_OpenCodeApi_ReadsRichMetadataAndDetails()
    {
        var fake = new DialectServer(DialectFixtures.OpenCodeApi());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var model = (await manager.GetModelsAsync(Ct)).Single();

        model.Name.ShouldBe("Acme Coder 7B");
        model.Version.ShouldBe("1.2.0");
        model.Family.ShouldBe("deepseek-coder");
        model.Capabilities.MaxTokens.ShouldBe(4096);
        model.Capabilities.ContextWindow.ShouldBe(16384);
        model.Metadata.BaseModel.ShouldBe("deepseek-ai/deepseek-coder-6.7b-base");
        model.Details.Layers.ShouldBe(32);
        model.Details.License.ShouldBe("deepseek");
        model.Details.Benchmarks!.Value.GetProperty("humanEval").GetDouble().ShouldBe(0.49);
    }

    [Fact]
    public async Task Models_PlainOpenAi_FamilyFromIdAndUnknownsStayNull()
    {
        var fake = new DialectServer(DialectFixtures.LmStudio(), lmStudioStyle: true);
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client);

        var models = await manager.GetModelsAsync(Ct);

        models[0].Family.ShouldBe("qwen2.5-coder");
        models[0].Capabilities.ContextWindow.ShouldBeNull();
        models[0].Details.Parameters.ShouldBeNull();
        models[1].Family.ShouldBe("unknown");
        models[1].Capabilities.CodeCompletion.ShouldBeNull();
    }

    [Fact]
    public async Task GetDialect_ConfiguredDialect_SendsNoProbe()
    {
        var fake = new DialectServer(DialectFixtures.Ollama());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { Dialect = ServerDialects.Ollama });

        (await manager.GetDialectAsync(Ct)).ShouldBe(ServerDialects.Ollama);
        fake.Handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetDialect_CalledAgainAndAfterRefresh_ProbesOnce()
    {
        var fake = new DialectServer(DialectFixtures.Vllm());
        using var client = fake.CreateClient();
        using var manager = new OpenCodeModelManager(client, new ModelOptions { CacheTimeout = 0 });

        await manager.GetDialectAsync(Ct);
        await manager.GetModelsAsync(Ct);
        await manager.RefreshAsync(Ct);
        await manager.GetDialectAsync(Ct);

        fake.Count("/props").ShouldBe(1);
        fake.Count("/api/version").ShouldBe(1);
        fake.Count("/version").ShouldBe(2); // the probe, then the first description (later refreshes keep it: fingerprint unchanged)
    }

    private static DialectServer Server(string name) => name switch
    {
        "llama.cpp" => new DialectServer(DialectFixtures.LlamaCpp()),
        "ollama" => new DialectServer(DialectFixtures.Ollama()),
        "vllm" => new DialectServer(DialectFixtures.Vllm()),
        "tgi" => new DialectServer(DialectFixtures.Tgi()),
        "opencode" => new DialectServer(DialectFixtures.OpenCodeApi()),
        _ => new DialectServer(DialectFixtures.LmStudio(), lmStudioStyle: true),
    };
}
