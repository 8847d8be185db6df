namespace OpenCode.Families;

/// <summary>A model family's fill-in-the-middle prompt format and the tokens that end a completion.</summary>
internal sealed class FimTemplate
{
    /// <summary>Initializes a new instance of the <see cref="FimTemplate"/> class.</summary>
    /// <param name="prefixToken">The token that opens the code before the cursor.</param>
    /// <param name="suffixToken">The token that opens the code after the cursor.</param>
    /// <param name="middleToken">The token after which the model writes the middle; <see langword="null"/> when the format has none (Codestral).</param>
    /// <param name="stopTokens">The tokens that end the middle.</param>
    /// <param name="suffixFirst">Whether the suffix comes before the prefix (Codestral).</param>
    /// <param name="spaced">Whether the markers are separated from the text by spaces (CodeLlama).</param>
    public FimTemplate(string prefixToken, string suffixToken, string? middleToken, IReadOnlyList<string> stopTokens, bool suffixFirst = false, bool spaced = false)
    {
        PrefixToken = prefixToken;
        SuffixToken = suffixToken;
        MiddleToken = middleToken;
        StopTokens = stopTokens;
        SuffixFirst = suffixFirst;
        Spaced = spaced;
    }

    /// <summary>Gets the token that opens the code before the cursor.</summary>
    public string PrefixToken { get; }

    /// <summary>Gets the token that opens the code after the cursor.</summary>
    public string SuffixToken { get; }

    /// <summary>Gets the token after which the model writes the middle, or <see langword="null"/>.</summary>
    public string? MiddleToken { get; }

    /// <summary>Gets the tokens that end the middle; sent as stop sequences.</summary>
    public IReadOnlyList<string> StopTokens { get; }

    /// <summary>Gets a value indicating whether the suffix comes before the prefix.</summary>
    public bool SuffixFirst { get; }

    /// <summary>Gets a value indicating whether the markers are separated from the text by spaces.</summary>
    public bool Spaced { get; }

    /// <summary>Gets the repository-level format that puts other files before the prefix, or <see langword="null"/> when the family has none.</summary>
    public RepositoryContextFormat? Repository { get; init; }

    /// <summary>Gets the special tokens a vocabulary must have for this format to work.</summary>
    public IReadOnlyList<string> MarkerTokens => MiddleToken is null ? [PrefixToken, SuffixToken] : [PrefixToken, SuffixToken, MiddleToken];

    /// <summary>Builds the prompt that asks the model for the code between <paramref name="prefix"/> and <paramref name="suffix"/>.</summary>
    /// <param name="prefix">The code before the cursor.</param>
    /// <param name="suffix">The code after the cursor.</param>
    /// <returns>The prompt, to send to <c>/v1/completions</c>.</returns>
    public string Format(string prefix, string suffix) => Format(prefix, suffix, []);

    /// <summary>Builds the prompt with other files of the project as context, where the family has a repository-level format.</summary>
    /// <param name="prefix">The code before the cursor.</param>
    /// <param name="suffix">The code after the cursor.</param>
    /// <param name="files">Other files of the project; ignored when <see cref="Repository"/> is <see langword="null"/>.</param>
    /// <returns>The prompt, to send to <c>/v1/completions</c>.</returns>
    public string Format(string prefix, string suffix, IReadOnlyList<InfillFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Repository is { } repository && files.Count > 0 ? repository.Wrap(files, Format(prefix, suffix, [])) : FormatSingleFile(prefix, suffix);
    }

    private string FormatSingleFile(string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        if (SuffixFirst)
        {
            return SuffixToken + suffix + PrefixToken + prefix + MiddleToken;
        }

        // CodeLlama's model card: "<PRE> {prefix} <SUF>{suffix} <MID>".
        return Spaced
            ? $"{PrefixToken} {prefix} {SuffixToken}{suffix} {MiddleToken}"
            : PrefixToken + prefix + SuffixToken + suffix + MiddleToken;
    }

    /// <summary>The plain completion request that asks for the middle: this format's prompt, the request's sampling, this format's stop tokens and the request's.</summary>
    internal MessageRequest ToCompletionRequest(InfillRequest request)
    {
        var prompt = Format(request.Prefix, request.Suffix, request.ExtraFiles);
        return new MessageRequest
        {
            Prompt = prompt,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Seed = request.Seed,
            Stop = [.. StopTokens, .. request.Stop],
        };
    }
}
