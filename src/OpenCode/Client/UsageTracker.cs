namespace OpenCode.Client;

/// <summary>Works out the usage of one generation: reported usage first, then llama.cpp timings, then a count.</summary>
/// <remarks>Never reports a silent zero: counted usage is marked <see cref="UsageSource.Counted"/>.</remarks>
internal struct UsageTracker
{
    private int? _promptTokens;
    private int? _completionTokens;
    private int? _cachedTokens;
    private int? _timingsPrompt;
    private int? _timingsCached;
    private int? _timingsPredicted;
    private int _countedChunks;

    public void Observe(in StreamEvent streamEvent)
    {
        if (streamEvent.Usage is not { } usage)
        {
            return;
        }

        _promptTokens = usage.PromptTokens ?? _promptTokens;
        _completionTokens = usage.CompletionTokens ?? _completionTokens;
        _cachedTokens = usage.CachedTokens ?? _cachedTokens;
        _timingsPrompt = usage.TimingsPromptTokens ?? _timingsPrompt;
        _timingsCached = usage.TimingsCachedTokens ?? _timingsCached;
        _timingsPredicted = usage.TimingsPredictedTokens ?? _timingsPredicted;
    }

    /// <summary>Gets a value indicating whether the server said how many tokens it generated.</summary>
    public readonly bool HasServerCounts => _completionTokens is not null || _timingsPredicted is not null;

    /// <summary>Counts one streamed piece of generated text (about one token on streaming servers).</summary>
    public void CountChunk() => _countedChunks++;

    /// <summary>Adds an estimated number of generated tokens.</summary>
    public void AddCounted(int tokens) => _countedChunks += tokens;

    public readonly TokenUsage Build(int promptCharacters)
    {
        if (_completionTokens is { } completion)
        {
            return new TokenUsage(_promptTokens ?? 0, completion, UsageSource.Reported) { CachedPromptTokens = _cachedTokens };
        }

        if (_timingsPredicted is { } predicted)
        {
            // llama.cpp's prompt_n counts only tokens it evaluated; cache_n the ones it reused.
            var prompt = (_timingsPrompt ?? 0) + (_timingsCached ?? 0);
            return new TokenUsage(prompt, predicted, UsageSource.Timings) { CachedPromptTokens = _timingsCached };
        }

        // The library's one estimate where no tokenizer is at hand; marked as counted, not reported.
        return new TokenUsage(Limits.TokenEstimator.FromCharacters(promptCharacters), _countedChunks, UsageSource.Counted);
    }
}
