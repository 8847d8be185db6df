using OpenCode.Families;

namespace OpenCode.Completion;

/// <summary>How context reaches the model: as files the server or the family's format places, or as path comments in the prefix.</summary>
internal enum ContextFormat
{
    /// <summary>llama.cpp's <c>/infill</c> <c>input_extra</c>: the server formats the files with the model's own tokens.</summary>
    InputExtra,

    /// <summary>The family's repository-level format (Qwen2.5-Coder), placed by the provider.</summary>
    Repository,

    /// <summary>Each file as commented lines before the prefix, headed by its path.</summary>
    PathComments,
}

/// <summary>What completion needs to know of the model behind a provider.</summary>
/// <param name="Family">The model's family.</param>
/// <param name="Format">How context is given.</param>
/// <param name="ContextWindow">The server's context window in tokens, when known.</param>
/// <param name="Slots">The llama-server slots for cache affinity; <see langword="null"/> when requests do not go to llama.cpp's <c>/infill</c>.</param>
/// <param name="TokenizerMatchesModel">Whether the server's tokenizer is the model's (the request's model is the server's default).</param>
internal sealed record CompletionTarget(ModelFamily Family, ContextFormat Format, int? ContextWindow, int? Slots, bool TokenizerMatchesModel)
{
    private static readonly IReadOnlyList<string> AnyFamilyStopTokens =
        [.. ModelFamily.All.Where(f => f.Fim is not null).SelectMany(f => f.Fim!.StopTokens).Distinct(StringComparer.Ordinal)];

    /// <summary>Gets the text that ends a completion: the family's stop tokens, or every family's when it is not known.</summary>
    public IReadOnlyList<string> StopTokens => Family.Fim?.StopTokens ?? AnyFamilyStopTokens;

    public string FormatName => Format switch
    {
        ContextFormat.InputExtra => "input_extra",
        ContextFormat.Repository => "repository",
        _ => "path-comments",
    };

    public static ContextFormat FormatFor(ModelFamily family, bool infillEndpoint) =>
        infillEndpoint ? ContextFormat.InputExtra : family.Fim?.Repository is not null ? ContextFormat.Repository : ContextFormat.PathComments;
}
