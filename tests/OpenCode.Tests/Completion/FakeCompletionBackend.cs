using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using OpenCode.Completion;
using OpenCode.Families;

namespace OpenCode.Tests.Completion;

/// <summary>
/// A scripted completion backend: answers each infill with the chunks <see cref="Script"/> gives, optionally holding after the first
/// chunk until <see cref="Release"/>; tokenizes into words with their leading whitespace (pieces that spell the text).
/// </summary>
internal sealed partial class FakeCompletionBackend : ICompletionBackend
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CompletionTarget Target { get; set; } = new(ModelFamily.StarCoder, ContextFormat.InputExtra, 4096, 2, TokenizerMatchesModel: true);

    public Func<InfillRequest, IReadOnlyList<string>> Script { get; set; } = _ => ["value"];

    /// <summary>Gets or sets a value indicating whether streams wait for <see cref="Release"/> after their first chunk.</summary>
    public bool Hold { get; set; }

    public bool HasTokenizer { get; set; } = true;

    public List<InfillRequest> Requests { get; } = [];

    public List<string> Tokenized { get; } = [];

    public int Cancelled { get; private set; }

    public TaskCompletionSource FirstChunkSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a source completed when a held stream is cancelled (after <see cref="Cancelled"/> counts it).</summary>
    public TaskCompletionSource HeldStreamCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public Task<CompletionTarget> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(Target);

    public async IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Requests.Add(request);
        }

        var chunks = Script(request);
        for (var i = 0; i < chunks.Count; i++)
        {
            yield return new MessageChunk { Content = chunks[i] };
            if (i == 0)
            {
                FirstChunkSent.TrySetResult();
                if (Hold)
                {
                    try
                    {
                        await _release.Task.WaitAsync(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        Cancelled++;
                        HeldStreamCancelled.TrySetResult();
                        throw;
                    }
                }
            }
        }

        yield return new MessageChunk
        {
            IsDone = true,
            FinishReason = FinishReason.Length,
            Metadata = new ChunkMetadata(null, new TokenUsage(40, chunks.Count, UsageSource.Timings) { CachedPromptTokens = 30 }, default),
        };
    }

    public Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Tokenized.Add(text);
        }

        return Task.FromResult<IReadOnlyList<string>?>(HasTokenizer ? [.. Pieces().Matches(text).Select(m => m.Value)] : null);
    }

    [GeneratedRegex(@"\s*\S+|\s+")]
    private static partial Regex Pieces();
}
