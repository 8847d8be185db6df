using System.Runtime.CompilerServices;
using OpenCode.Configuration;
using OpenCode.Pipeline;
using OpenCode.Provider;
using OpenCode.Storage;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Pipeline;

/// <summary>A caller's own stage and the configured profiles on the provider's pipeline, against a scripted server over real HTTP.</summary>
public sealed class ProviderPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendMessage_CallersStage_SeesThePlannedRequestAndRewritesTheAnswerTheLedgerStillCounts()
    {
        await using var server = await ScriptedServer.StartAsync();
        var stores = OpenCodeStores.CreateInMemory();
        var seen = new List<GenerationRequest>();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url }, stores: stores)
        {
            ConfigurePipeline = pipeline => pipeline.Use(inner => new UpperCaseStage(inner, seen)),
        };

        var answer = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        answer.Content.ShouldBe("HELLO WORLD");
        seen.Single().Model.ShouldBe("tiny-coder", "the stage sees the model the planner resolved");
        seen.Single().Kind.ShouldBe(GenerationKind.Chat);
        provider.GetService<UpperCaseStage>().ShouldNotBeNull();
        var totals = await stores.Usage.GetTotalsAsync(new UsageQuery(DateTimeOffset.MinValue, DateTimeOffset.MaxValue), Ct);
        totals.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_ProfileInConfiguration_SendsItsSystemPromptAndFencesTheAnswer()
    {
        await using var server = await ScriptedServer.StartAsync();
        var options = new OpenCodeOptions
        {
            ApiEndpoint = server.Url,
            Profiles = { new ModelProfileOptions { Model = "tiny*", SystemPrompt = "Answer in code.", PostProcessor = "fence-code" } },
        };
        await using var provider = new OpenCodeProvider(options);

        var answer = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        answer.Content.ShouldBe("```\nhello world\n```");
        server.ChatBodies.Single().ShouldContain("\"Answer in code.\"");
    }

    /// <summary>The documented shape of a caller's stage: derive from <see cref="DelegatingGenerationStage"/>, wrap the inner stream.</summary>
    private sealed class UpperCaseStage(GenerationStage inner, List<GenerationRequest> seen) : DelegatingGenerationStage(inner)
    {
        public override async IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            seen.Add(request);
            await foreach (var chunk in base.GenerateAsync(request, cancellationToken))
            {
                yield return chunk with { Content = chunk.Content.ToUpperInvariant() };
            }
        }
    }
}
