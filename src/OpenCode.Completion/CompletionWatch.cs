namespace OpenCode.Completion;

/// <summary>
/// One request's view of a generation: the text accepted so far past what the request typed, until the generation ends or the
/// request's time limit (on the injected clock) passes. Holds one attachment to the generation, released on dispose.
/// </summary>
internal sealed class CompletionWatch : IDisposable
{
    private readonly CancellationTokenSource? _limit;
    private bool _started;

    public CompletionWatch(InFlightGeneration generation, string? typed, TimeProvider time, TimeSpan? limit)
    {
        Generation = generation;
        Typed = typed;
        _limit = limit is { } l ? new CancellationTokenSource(l, time) : null;
    }

    public InFlightGeneration Generation { get; }

    /// <summary>Gets what the request typed since the generation's position, or <see langword="null"/> for the request that started it.</summary>
    public string? Typed { get; }

    /// <summary>Gets a value indicating whether the time limit passed before the generation ended.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Gets a value indicating whether the generation went another way than what the request typed: it is of no use to it.</summary>
    public bool Diverged { get; private set; }

    /// <summary>Waits for more text; <see langword="null"/> once the generation has ended or the time limit passed.</summary>
    public async Task<string?> NextAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            return Generation.Outcome.IsCompleted ? null : Remainder(Generation.Accepted);
        }

        var changed = Generation.Changed;
        if (Generation.Outcome.IsCompleted)
        {
            return null;
        }

        using var linked = _limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _limit.Token);
        try
        {
            await changed.WaitAsync(linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TimedOut = true;
            return null;
        }

        if (Generation.Outcome.IsCompleted)
        {
            return null;
        }

        var accepted = Generation.Accepted;
        Diverged = Typed is not null && !accepted.StartsWith(Typed, StringComparison.Ordinal) && !Typed.StartsWith(accepted, StringComparison.Ordinal);
        return Diverged ? null : Remainder(accepted);
    }

    /// <summary>The part of a text past what the request typed; empty when the text has not reached it or went another way.</summary>
    public string Remainder(string text) =>
        Typed is null ? text : text.StartsWith(Typed, StringComparison.Ordinal) ? text[Typed.Length..] : string.Empty;

    public void Dispose()
    {
        Generation.Detach();
        _limit?.Dispose();
    }
}
