namespace OpenCode.Completion;

/// <summary>
/// A generation for one document position, shared by every request that can use it: the request that started it and later ones whose
/// typing it predicted. It runs until it ends, a newer request supersedes it, or no request is waiting for it any more.
/// </summary>
internal sealed class InFlightGeneration : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<GenerationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _accepted = string.Empty;
    private int _observers;

    public InFlightGeneration(CompletionContext context, AssembledPrompt prompt)
    {
        Context = context;
        Prompt = prompt;
        PrefixTail = CompletionCache.Tail(context.Prefix);
    }

    public CompletionContext Context { get; }

    public AssembledPrompt Prompt { get; }

    public string PrefixTail { get; }

    public CancellationToken Token => _cancellation.Token;

    public Task<GenerationOutcome> Outcome => _outcome.Task;

    /// <summary>Gets the text accepted by the stop rules so far (not yet filtered).</summary>
    public string Accepted
    {
        get
        {
            lock (_gate)
            {
                return _accepted;
            }
        }
    }

    /// <summary>Gets a task that completes at the next change of <see cref="Accepted"/> or at the end.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _outcome.Task.IsCompleted ? Task.CompletedTask : _changed.Task;
            }
        }
    }

    /// <summary>The text <paramref name="request"/> typed into this generation's position, when it can use it: same document, same text after the cursor, and typing that agrees with what was generated so far.</summary>
    public string? TypedBy(CompletionContext request)
    {
        var typed = request.Prefix.Length - Context.Prefix.Length;
        if (typed < 0 || Outcome.IsCompleted || _cancellation.IsCancellationRequested
            || !string.Equals(request.DocumentPath, Context.DocumentPath, StringComparison.Ordinal)
            || !string.Equals(request.Suffix, Context.Suffix, StringComparison.Ordinal)
            || !request.Prefix.AsSpan(Context.Prefix.Length - PrefixTail.Length, PrefixTail.Length).SequenceEqual(PrefixTail))
        {
            return null;
        }

        var text = request.Prefix[Context.Prefix.Length..];
        var sofar = Accepted;
        return sofar.StartsWith(text, StringComparison.Ordinal) || text.StartsWith(sofar, StringComparison.Ordinal) ? text : null;
    }

    public void Publish(string accepted)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (accepted == _accepted)
            {
                return;
            }

            _accepted = accepted;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Complete(GenerationOutcome outcome)
    {
        _outcome.TrySetResult(outcome);
        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    public void Fail(Exception exception)
    {
        _outcome.TrySetException(exception);
        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    public void Attach() => Interlocked.Increment(ref _observers);

    /// <summary>A request stops waiting; with none left the generation is cancelled (nobody would see it).</summary>
    public void Detach()
    {
        if (Interlocked.Decrement(ref _observers) == 0 && !Outcome.IsCompleted)
        {
            Cancel();
        }
    }

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and disposed.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
