using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCode.Configuration;

namespace OpenCode.Tests.Embeddings;

/// <summary>The <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> face: options to the wire, metadata, services and DI.</summary>
public sealed class EmbeddingGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_Options_ModelDimensionsAndAdditionalPropertiesReachTheWire()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider();
        using var generator = provider.AsIEmbeddingGenerator();
        var options = new EmbeddingGenerationOptions
        {
            ModelId = FakeEmbeddingServer.Model,
            Dimensions = 3,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["truncate"] = true },
        };

        var embeddings = await generator.GenerateAsync(["abc"], options, Ct);

        var body = server.Bodies.Single();
        body.GetProperty("model").GetString().ShouldBe(FakeEmbeddingServer.Model);
        body.GetProperty("dimensions").GetInt32().ShouldBe(3);
        body.GetProperty("truncate").GetBoolean().ShouldBeTrue();
        embeddings[0].Vector.ToArray().ShouldBe(FakeEmbeddingServer.VectorOf("abc"));
    }

    [Fact]
    public async Task GenerateAsync_RawRepresentationFactory_ItsRequestIsTheStartingPoint()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider();
        using var generator = provider.AsIEmbeddingGenerator();
        var options = new EmbeddingGenerationOptions
        {
            RawRepresentationFactory = _ => new EmbeddingRequest { Inputs = [], AdditionalParameters = new Dictionary<string, object?> { ["user"] = "u-1" } },
        };

        await generator.GenerateAsync(["abc"], options, Ct);

        server.Bodies.Single().GetProperty("user").GetString().ShouldBe("u-1");
        server.Bodies.Single().GetProperty("input").GetArrayLength().ShouldBe(1, "the inputs are the call's, not the factory's");
    }

    [Fact]
    public async Task GetService_BeforeAnyRequest_MetadataFromTheSettingsThenDimensionsFromTheFirstAnswer()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider(o => o.Models.DefaultModel = FakeEmbeddingServer.Model);
        using var generator = provider.AsIEmbeddingGenerator();

        var before = generator.GetService<EmbeddingGeneratorMetadata>()!;
        await generator.GenerateAsync(["abc"], cancellationToken: Ct);
        var after = generator.GetService<EmbeddingGeneratorMetadata>()!;

        before.ProviderName.ShouldBe("opencode");
        before.ProviderUri.ShouldBe(new Uri("http://127.0.0.1:18082"));
        before.DefaultModelId.ShouldBe(FakeEmbeddingServer.Model);
        before.DefaultModelDimensions.ShouldBeNull();
        after.DefaultModelDimensions.ShouldBe(3);
        generator.GetService<IAIProvider>().ShouldBeSameAs(provider);
        generator.GetService<EmbeddingGeneratorMetadata>(serviceKey: "keyed").ShouldBeNull();
    }

    [Fact]
    public async Task AddOpenCode_Resolves_AnEmbeddingGeneratorOverTheSameProvider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenCode:apiEndpoint"] = "http://127.0.0.1:18082",
            ["OpenCode:embeddings:batchSize"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddOpenCode(configuration);
        await using var serviceProvider = services.BuildServiceProvider();

        var generator = serviceProvider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        generator.GetService<IAIProvider>().ShouldBeSameAs(serviceProvider.GetRequiredService<IAIProvider>());
        serviceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenCodeOptions>>().Value.Embeddings.BatchSize.ShouldBe(8);
    }

    [Fact]
    public void Validate_BatchSizeOutOfRange_ErrorNamesTheSetting()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082", Embeddings = { BatchSize = 0 } };

        var error = Should.Throw<OpenCodeConfigurationException>(() => new OpenCode.Provider.OpenCodeProvider(options));

        error.Errors.ShouldContain(e => e.Contains("embeddings.batchSize") && e.Contains("2048"));
    }
}
