namespace OpenCode.Benchmarks;

/// <summary>
/// A short run of every harness that needs no external server, for CI: if one of them no longer runs (a rule the library
/// gained rejects its setup, a verification fails), the exit code says so. Takes well under a minute; its figures mean nothing.
/// </summary>
internal static class Smoke
{
    public static async Task<int> RunAsync()
    {
        var failed = new List<string>();
        await Step("check", StreamChecks.RunAsync);
        await Step("stream (default limits)", () => StreamHarness.RunAsync(["--seconds", "1", "--warmup", "1", "--chunks", "500", "--alloc-streams", "2", "--limits", "default"]));
        await Step("stream (max limits)", () => StreamHarness.RunAsync(["--seconds", "1", "--warmup", "1", "--chunks", "500", "--alloc-streams", "2", "--limits", "max"]));
        await Step("pipeline", () => PipelineLoad.RunAsync(16, 2, 50));
        await Step("scale", () => ScaleRun.RunAsync(["--requests", "10000", "--warmup", "2000"]));
        Console.WriteLine(failed.Count == 0 ? "smoke: every harness ran" : $"smoke: {string.Join(", ", failed)} failed");
        return failed.Count == 0 ? 0 : 1;

        async Task Step(string name, Func<Task<int>> run)
        {
            Console.WriteLine($"== smoke: {name}");
            try
            {
                if (await run() != 0)
                {
                    failed.Add(name);
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"{name}: {ex}");
                failed.Add(name);
            }
        }
    }
}
