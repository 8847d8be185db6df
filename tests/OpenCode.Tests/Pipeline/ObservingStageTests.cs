using OpenCode.Pipeline;

namespace OpenCode.Tests.Pipeline;

public sealed class ObservingStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoveNextAsync_InnerEndsSynchronously_EndObservedBeforeDispose()
    {
        var stage = new RecordingStage(new ScriptedStage(["a", "b"]));
        var enumerator = stage.GenerateAsync(ScriptedStage.Chat("m", Message.User("hi")), Ct).GetAsyncEnumerator(Ct);
        var chunks = 0;
        while (await enumerator.MoveNextAsync())
        {
            chunks++;
        }

        stage.Events.ShouldBe(["begin", "chunk", "chunk", "chunk", "end"]);
        await enumerator.DisposeAsync();
        stage.Events.Count(e => e == "end").ShouldBe(1);
        chunks.ShouldBe(3);
    }

    [Fact]
    public async Task DisposeAsync_CallerStopsEarly_EndObservedOnce()
    {
        var stage = new RecordingStage(new ScriptedStage(["a", "b"]));
        await foreach (var chunk in stage.GenerateAsync(ScriptedStage.Chat("m", Message.User("hi")), Ct))
        {
            break;
        }

        stage.Events.ShouldBe(["begin", "chunk", "end"]);
    }

    private sealed class RecordingStage(GenerationStage inner) : ObservingStage(inner)
    {
        public List<string> Events { get; } = [];

        protected override ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
        {
            Events.Add("begin");
            return ValueTask.FromResult<(GenerationRequest, ChunkObserver?)>((request, new Observer(Events)));
        }

        private sealed class Observer(List<string> events) : ChunkObserver
        {
            public override MessageChunk OnChunk(MessageChunk chunk)
            {
                events.Add("chunk");
                return chunk;
            }

            public override void OnFailure(Exception exception, bool callerCancelled) => events.Add("failure");

            public override ValueTask OnEndAsync()
            {
                events.Add("end");
                return ValueTask.CompletedTask;
            }
        }
    }
}
