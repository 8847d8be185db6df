using System.Globalization;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>health</c> as text.</summary>
internal static class HealthText
{
    public static void Write(TextWriter output, HealthJson report)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(report.Healthy ? "healthy" : "unhealthy")}: {report.Status}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status code: {report.StatusCode}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency: {report.LatencyMs:0.#} ms"));
        output.WriteLine($"endpoint: {report.Endpoint}");
    }
}
