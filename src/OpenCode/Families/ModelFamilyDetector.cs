namespace OpenCode.Families;

/// <summary>Recognises a model's family from what its server reports, most reliable source first.</summary>
internal static class ModelFamilyDetector
{
    // Checked in order on names with separators removed; "codeqwen" (CodeQwen1.5) uses StarCoder's format, unlike Qwen2.5-Coder.
    private static readonly (string Pattern, string? Also, ModelFamily Family)[] NamePatterns =
    [
        ("wizardcoder", null, ModelFamily.WizardCoder),
        ("codellama", null, ModelFamily.CodeLlama),
        ("deepseekcoder", null, ModelFamily.DeepSeekCoder),
        ("codeqwen", null, ModelFamily.StarCoder),
        ("qwen", "coder", ModelFamily.QwenCoder),
        ("codegemma", null, ModelFamily.CodeGemma),
        ("codestral", null, ModelFamily.Codestral),
        ("starcoder", null, ModelFamily.StarCoder),
        ("mistral", null, ModelFamily.Mistral),
        ("mixtral", null, ModelFamily.Mistral),
        ("llama", null, ModelFamily.Llama),
    ];

    // One family per distinct set of FIM tokens (CodeGemma shares Qwen2.5-Coder's, WizardCoder StarCoder's).
    private static readonly ModelFamily[] VocabularyCandidates =
        [ModelFamily.DeepSeekCoder, ModelFamily.StarCoder, ModelFamily.QwenCoder, ModelFamily.CodeLlama, ModelFamily.Codestral];

    /// <summary>Gets every distinct special token a vocabulary probe should look for.</summary>
    public static IReadOnlyList<string> VocabularyProbeTokens { get; } =
        [.. VocabularyCandidates.SelectMany(f => f.Fim!.MarkerTokens).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Detects the family: the most specific one any source names (a fine-tune such as WizardCoder over a code family over a
    /// general one such as Llama); among equally specific ones the base model first, then the model's name, the id, the architecture.
    /// </summary>
    /// <remarks>
    /// A model served as <c>codellama-7b-instruct</c> from a GGUF named after Llama is CodeLlama; one served as <c>wizardcoder-15b</c>
    /// from a GGUF named after StarCoder is WizardCoder (its instruction format differs), with StarCoder as its base (<see cref="DetectBase"/>).
    /// </remarks>
    /// <param name="hints">What the server reports.</param>
    /// <returns>The family, or <see cref="ModelFamily.Unknown"/>.</returns>
    public static ModelFamily Detect(ModelFamilyHints hints) => Ranked(hints).FirstOrDefault() ?? ModelFamily.Unknown;

    /// <summary>Detects the family the detected one derives from, when another source names a less specific one (StarCoder under WizardCoder, Llama under CodeLlama).</summary>
    /// <param name="hints">What the server reports.</param>
    /// <returns>The base family, or <see langword="null"/> when no source names one.</returns>
    public static ModelFamily? DetectBase(ModelFamilyHints hints)
    {
        var ranked = Ranked(hints);
        return ranked.Count > 1 && Specificity(ranked[1]) > Specificity(ranked[0]) ? ranked[1] : null;
    }

    /// <summary>Every distinct family the sources name, most specific first, then in source order.</summary>
    private static List<ModelFamily> Ranked(ModelFamilyHints hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var found = new List<ModelFamily>(4);
        foreach (var source in (string?[])[hints.BaseModel, hints.ModelName, hints.Id, hints.Architecture])
        {
            if (FromName(source) is { } family && !found.Contains(family))
            {
                found.Add(family);
            }
        }

        // A stable sort: equally specific families keep their source order.
        return [.. found.OrderBy(Specificity)];
    }

    /// <summary>0 for a fine-tune with its own prompt format, 1 for a code family, 2 for a general family.</summary>
    private static int Specificity(ModelFamily family) =>
        family.InstructionFormat is not null ? 0 : ReferenceEquals(family, ModelFamily.Llama) || ReferenceEquals(family, ModelFamily.Mistral) ? 2 : 1;

    /// <summary>Detects the family from one name (an id, a repository, a file path).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The family, or <see langword="null"/> when the name matches none.</returns>
    public static ModelFamily? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var normalized = Normalize(name);
        foreach (var (pattern, also, family) in NamePatterns)
        {
            if (normalized.Contains(pattern, StringComparison.Ordinal) && (also is null || normalized.Contains(also, StringComparison.Ordinal)))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>Detects the family from the special tokens of the model's vocabulary.</summary>
    /// <param name="hasToken">Whether the vocabulary has a token as one special token.</param>
    /// <param name="preferred">The family detected by name, kept when its format fits the vocabulary.</param>
    /// <returns>The first family whose fill-in-the-middle tokens are all present, or <see langword="null"/>.</returns>
    public static ModelFamily? FromVocabulary(Func<string, bool> hasToken, ModelFamily? preferred = null)
    {
        ArgumentNullException.ThrowIfNull(hasToken);
        if (preferred?.Fim is { } fim && fim.MarkerTokens.All(hasToken))
        {
            return preferred;
        }

        return VocabularyCandidates.FirstOrDefault(f => f.Fim!.MarkerTokens.All(hasToken));
    }

    private static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
