using System.Globalization;
using LLama.Native;
using OpenCode.Pipeline;

namespace OpenCode.Local.InProcess;

/// <summary>
/// The sampling chain of one request, with llama-server's defaults: repeat penalty, top-k, top-p, min-p, temperature, then a seeded draw
/// (greedy at temperature 0). Extra parameters it knows come from <see cref="MessageRequest.AdditionalParameters"/>; any other is an
/// error, not silently dropped.
/// </summary>
internal sealed record SamplingSettings(float Temperature, float TopP, int TopK, float MinP, float RepeatPenalty, int RepeatLastN, uint Seed)
{
    private static readonly string[] Known = ["top_k", "min_p", "repeat_penalty", "repeat_last_n"];

    public static SamplingSettings From(GenerationRequest request)
    {
        var infill = request.Infill;
        var extra = request.Request.AdditionalParameters ?? new Dictionary<string, object?>();
        var unknown = extra.Keys.Where(key => !Known.Contains(key, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"A model run in this process does not take the parameter(s) {string.Join(", ", unknown)}; it takes {string.Join(", ", Known)}.");
        }

        long? seed = infill?.Seed ?? request.Request.Seed;
        return new SamplingSettings(
            infill?.Temperature ?? request.Request.Temperature ?? 0.8f,
            infill?.TopP ?? request.Request.TopP ?? 0.95f,
            (int)Number(extra, "top_k", 40),
            (float)Number(extra, "min_p", 0.05),
            (float)Number(extra, "repeat_penalty", 1.0),
            (int)Number(extra, "repeat_last_n", 64),
            seed is { } value ? unchecked((uint)value) : (uint)Random.Shared.Next());
    }

    public SafeLLamaSamplerChainHandle CreateChain()
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        if (RepeatPenalty != 1.0f)
        {
            chain.AddPenalties(RepeatLastN, RepeatPenalty, 0, 0);
        }

        if (Temperature <= 0)
        {
            chain.AddGreedySampler();
            return chain;
        }

        chain.AddTopK(TopK);
        chain.AddTopP(TopP, 1);
        chain.AddMinP(MinP, 1);
        chain.AddTemperature(Temperature);
        chain.AddDistributionSampler(Seed);
        return chain;
    }

    private static double Number(IReadOnlyDictionary<string, object?> extra, string key, double fallback) => extra.TryGetValue(key, out var value) switch
    {
        false => fallback,
        true => value switch
        {
            null => fallback,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } element => element.GetDouble(),
            IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
            _ => throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"The parameter {key} must be a number."),
        },
    };
}
