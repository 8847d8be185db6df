using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenCode.Pipeline;

namespace OpenCode.Tests.Pipeline;

/// <summary>A terminal stage that records the requests it gets and answers each with the given text, or fails with the given error.</summary>
internal sealed class ScriptedStage(string[] texts, OpenCodeException? failure = null, TokenUsage? usage = null) : GenerationStage
{
    public ConcurrentQueue<GenerationRequest> Requests { get; } = new();

    public override async IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        await Task.Yield();
        foreach (var text in texts)
        {
            yield return new MessageChunk { Content = text, Metadata = new ChunkMetadata(request.Model, null, DateTimeOffset.UnixEpoch) };
        }

        if (failure is not null)
        {
            throw failure;
        }

        yield return new MessageChunk
        {
            IsDone = true,
            FinishReason = FinishReason.Stop,
            Metadata = new ChunkMetadata(request.Model, usage ?? new TokenUsage(5, texts.Length, UsageSource.Reported), DateTimeOffset.UnixEpoch),
        };
    }

    public static GenerationRequest Chat(string? model, params Message[] messages) => new(GenerationKind.Chat, model, new MessageRequest { Messages = messages, Model = model });
}
