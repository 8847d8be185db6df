using System.Runtime.CompilerServices;
using OpenCode.Pipeline;

namespace OpenCode.Tests.Pipeline;

public sealed class GenerationPipelineBuilderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_TwoStages_FirstAddedSeesTheRequestFirstAndTheChunksLast()
    {
        var order = new List<string>();
        var terminal = new ScriptedStage(["a"]);
        var pipeline = new GenerationPipelineBuilder()
            .Use((request, token, inner) => Tag("outer", request, token, inner, order))
            .Use((request, token, inner) => Tag("inner", request, token, inner, order))
            .Build(terminal);

        var text = string.Concat(await pipeline.GenerateAsync(ScriptedStage.Chat("m", Message.User("hi")), Ct).Select(c => c.Content).ToListAsync(Ct));

        order.ShouldBe(["outer:request", "inner:request", "inner:chunks", "outer:chunks"]);
        text.ShouldBe("a[inner][outer]");
        terminal.Requests.Single().Request.Messages.Single().Content.ShouldBe("hi");
    }

    [Fact]
    public void GetService_ThroughDelegatingStages_FindsTheStageOfThatType()
    {
        var terminal = new ScriptedStage([]);
        var pipeline = new GenerationPipelineBuilder().Use(inner => new PassThrough(inner)).Use(inner => new PassThrough(inner)).Build(terminal);

        pipeline.GetService(typeof(ScriptedStage)).ShouldBeSameAs(terminal);
        pipeline.GetService(typeof(PassThrough)).ShouldBeSameAs(pipeline);
        pipeline.GetService(typeof(ScriptedStage), serviceKey: "x").ShouldBeNull();
    }

    [Fact]
    public void Build_FactoryReturnsNull_ThrowsNamingItsPosition()
    {
        var builder = new GenerationPipelineBuilder().Use(inner => inner).Use(_ => null!);

        Should.Throw<InvalidOperationException>(() => builder.Build(new ScriptedStage([]))).Message.ShouldContain("position 1");
    }

    private static async IAsyncEnumerable<MessageChunk> Tag(
        string name, GenerationRequest request, [EnumeratorCancellation] CancellationToken token, GenerationStage inner, List<string> order)
    {
        order.Add($"{name}:request");
        var first = true;
        await foreach (var chunk in inner.GenerateAsync(request, token))
        {
            if (first)
            {
                order.Add($"{name}:chunks");
                first = false;
            }

            yield return chunk.IsDone || chunk.Content.Length == 0 ? chunk : chunk with { Content = chunk.Content + $"[{name}]" };
        }
    }

    private sealed class PassThrough(GenerationStage inner) : DelegatingGenerationStage(inner);
}
