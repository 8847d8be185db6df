using System.Text;

namespace OpenCode;

/// <summary>Helpers over streams of <see cref="MessageChunk"/>.</summary>
public static class MessageChunkExtensions
{
    /// <summary>Reads a whole stream into one answer, calling <paramref name="onChunk"/> for each chunk as it arrives.</summary>
    /// <param name="chunks">The stream, for example from <see cref="IAIProvider.SendMessageAsync"/>.</param>
    /// <param name="onChunk">Called with each chunk (for example to print it); may be <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for <see cref="CompletedMessage.TimeToFirstToken"/>; <see langword="null"/> uses the system clock.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="OpenCodeStreamInterruptedException">The stream ended without a final chunk.</exception>
    public static async Task<CompletedMessage> ToCompletedMessageAsync(
        this IAsyncEnumerable<MessageChunk> chunks,
        Action<MessageChunk>? onChunk = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        timeProvider ??= TimeProvider.System;
        var start = timeProvider.GetTimestamp();
        var content = new StringBuilder();
        StringBuilder? reasoning = null;
        TimeSpan? firstToken = null;
        var count = 0;
        ResponseIdentity? identity = null;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            onChunk?.Invoke(chunk);
            identity = chunk.Response ?? identity;
            if (chunk.Content.Length > 0)
            {
                firstToken ??= timeProvider.GetElapsedTime(start);
                content.Append(chunk.Content);
                count++;
            }

            if (!string.IsNullOrEmpty(chunk.ReasoningContent))
            {
                (reasoning ??= new StringBuilder()).Append(chunk.ReasoningContent);
            }

            if (chunk.IsDone)
            {
                return new CompletedMessage
                {
                    Content = content.ToString(),
                    ReasoningContent = reasoning?.ToString(),
                    ToolCalls = chunk.ToolCalls ?? [],
                    Response = identity,
                    FinishReason = chunk.FinishReason ?? FinishReason.Stop,
                    Model = chunk.Metadata.Model,
                    Usage = chunk.Metadata.Usage,
                    TimeToFirstToken = firstToken,
                    Route = chunk.Metadata.Route,
                };
            }
        }

        throw new OpenCodeStreamInterruptedException($"The answer ended after {count} chunk(s) without a final chunk.", count);
    }
}
