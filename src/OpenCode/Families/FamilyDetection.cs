namespace OpenCode.Families;

/// <summary>The family found for a model and whether its vocabulary has fill-in-the-middle tokens.</summary>
/// <param name="Family">The family, or <see cref="ModelFamily.Unknown"/>.</param>
/// <param name="VocabularyHasFim">
/// Whether the served model's vocabulary has the FIM tokens (llama.cpp <c>/tokenize</c>); <see langword="null"/> when the server cannot say.
/// </param>
internal sealed record FamilyDetection(ModelFamily Family, bool? VocabularyHasFim)
{
    /// <summary>Gets the family a fine-tune derives from, when a source names one (see <see cref="ModelFamilyDetector.DetectBase"/>).</summary>
    public ModelFamily? BaseFamily { get; init; }

    /// <summary>Gets whether fill-in-the-middle can work: the vocabulary has the tokens, or (not probed) the family has a FIM format.</summary>
    public bool? SupportsFim => VocabularyHasFim ?? (Family.Fim is not null ? true : Family.IsKnown ? false : null);
}
