using System.Globalization;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>health</c> with <c>instances</c> as one block per instance.</summary>
internal static class InstanceHealthText
{
    public static void Write(TextWriter output, IReadOnlyList<InstanceHealthJson> instances)
    {
        foreach (var instance in instances)
        {
            output.WriteLine($"{instance.Name}: {instance.State}");
            output.WriteLine($"  endpoint: {instance.Endpoint}");
            output.WriteLine($"  models: {(instance.Models.Count == 0 ? "(not reached)" : string.Join(", ", instance.Models))}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency: {instance.LatencyMs:0.#} ms"));
            if (instance.LastError is { } error)
            {
                output.WriteLine($"  last error: {error}");
            }
        }
    }
}
