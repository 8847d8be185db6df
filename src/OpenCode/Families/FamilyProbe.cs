using OpenCode.Client;
using OpenCode.Models;

namespace OpenCode.Families;

/// <summary>Finds a model's family from what the server reports and, on llama.cpp, from the special tokens of its vocabulary.</summary>
internal static class FamilyProbe
{
    public static async Task<FamilyDetection> DetectAsync(
        OpenCodeClient client, string? modelId, ModelInfo? model, ServerProperties? properties, CancellationToken cancellationToken)
    {
        var hints = new ModelFamilyHints
        {
            Id = modelId,
            BaseModel = model?.BaseModel,
            ModelName = properties?.ModelPath is { Length: > 0 } path ? Path.GetFileNameWithoutExtension(path) : null,
        };
        var byName = ModelFamilyDetector.Detect(hints);
        var baseFamily = ModelFamilyDetector.DetectBase(hints);
        if (properties is null)
        {
            return new FamilyDetection(byName, null) { BaseFamily = baseFamily };
        }

        var present = await ProbeVocabularyAsync(client, cancellationToken).ConfigureAwait(false);
        if (present is null)
        {
            return new FamilyDetection(byName, null) { BaseFamily = baseFamily };
        }

        var byVocabulary = ModelFamilyDetector.FromVocabulary(present.Contains, byName);
        // The name wins when the vocabulary agrees or says nothing, and for fine-tunes (WizardCoder on a CodeLlama base keeps its instruction format).
        var nameHolds = byVocabulary is null || ReferenceEquals(byName.Fim, byVocabulary.Fim) || byName.InstructionFormat is not null;
        var family = byName.IsKnown && nameHolds ? byName : byVocabulary ?? byName;
        return new FamilyDetection(family, byVocabulary is not null) { BaseFamily = ReferenceEquals(family, byName) ? baseFamily : null };
    }

    /// <summary>
    /// The probe tokens the vocabulary has as single tokens, from one <c>/tokenize</c> of all of them (one request: llama-server has few HTTP threads);
    /// <see langword="null"/> when the server has no <c>/tokenize</c>.
    /// </summary>
    private static async Task<HashSet<string>?> ProbeVocabularyAsync(OpenCodeClient client, CancellationToken cancellationToken)
    {
        var tokens = ModelFamilyDetector.VocabularyProbeTokens;
        var pieces = await client.TokenizeAsync(string.Join('\n', tokens), asDiscovery: true, cancellationToken).ConfigureAwait(false);
        if (pieces is null)
        {
            return null;
        }

        var found = pieces.ToHashSet(StringComparer.Ordinal);
        return [.. tokens.Where(found.Contains)];
    }
}
