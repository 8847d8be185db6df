extern alias JsonEverything;

using System.Text.Json;
using JsonEverything::Json.Pointer;
using JsonEverything::Json.Schema;

namespace OpenCode.Configuration;

/// <summary>Collects the <see cref="SchemaError"/>s of a failed evaluation.</summary>
internal static class SchemaErrors
{
    private const string AnyOf = "anyOf";
    private const string AdditionalProperties = "additionalProperties";

    /// <summary>Reads a list-format result: one error per broken rule.</summary>
    /// <remarks>
    /// The list holds the errors of every failed <c>anyOf</c> branch, even when another branch passed: an <c>anyOf</c> is one
    /// error, and only when all its branches failed. <c>additionalProperties: false</c> reports each extra property as failing the
    /// <c>false</c> schema under it, so that rule belongs to the schema one level up.
    /// </remarks>
    internal static IReadOnlyList<SchemaError> Of(EvaluationResults results, JsonElement schemaRoot)
    {
        var errors = new List<SchemaError>();
        var failedBranches = new Dictionary<SchemaError, HashSet<string>>();
        foreach (var detail in results.Details ?? [results])
        {
            foreach (var (keyword, text) in detail.Errors ?? new Dictionary<string, string>())
            {
                var instance = detail.InstanceLocation.ToString();
                var segments = detail.EvaluationPath.ToString().Split('/');
                var anyOf = Array.IndexOf(segments, AnyOf);
                if (anyOf > 0 && anyOf + 1 < segments.Length)
                {
                    var group = new SchemaError(instance, string.Join('/', segments[..anyOf]), AnyOf, string.Empty);
                    (failedBranches.TryGetValue(group, out var branches) ? branches : failedBranches[group] = []).Add(segments[anyOf + 1]);
                }
                else if (segments[^1] == AdditionalProperties && keyword.Length == 0)
                {
                    errors.Add(new SchemaError(instance, string.Join('/', segments[..^1]), AdditionalProperties, text));
                }
                else
                {
                    errors.Add(new SchemaError(instance, string.Join('/', segments), keyword, text));
                }
            }
        }

        errors.AddRange(failedBranches.Where(g => g.Value.Count == BranchCount(schemaRoot, g.Key.Schema)).Select(g => g.Key));
        return errors.Distinct().ToList();
    }

    private static int BranchCount(JsonElement schemaRoot, string schemaPointer) =>
        JsonPointer.Parse(schemaPointer).Evaluate(schemaRoot) is { ValueKind: JsonValueKind.Object } schema
        && schema.TryGetProperty(AnyOf, out var branches) && branches.ValueKind == JsonValueKind.Array
            ? branches.GetArrayLength()
            : 0;
}
