namespace OpenCode.Local.InProcess;

/// <summary>
/// How many CPU threads an in-process model decodes with when <c>localServer.threads</c> is not set: one per physical core, but
/// never every logical CPU, so this process's own threads (the caller reading the stream, the runtime's) keep one.
/// </summary>
/// <remarks>
/// llama.cpp's threads wait for each other at every step of a token; a thread that loses its CPU to another thread of the same
/// process stalls all of them. llama.cpp's own default for a context is a fixed 4, which on a 2-core machine decoded the demo
/// model at ~330 tokens/s against ~4,700 with one thread (docs/benchmarks.md, "Direct mode").
/// </remarks>
internal static class DecodeThreads
{
    /// <summary>The default for this machine.</summary>
    public static int Default => For(Environment.ProcessorCount, ThreadsPerCore());

    /// <summary>The default for <paramref name="logicalCpus"/> CPUs of which <paramref name="threadsPerCore"/> share each core.</summary>
    public static int For(int logicalCpus, int threadsPerCore) =>
        Math.Max(1, Math.Min(logicalCpus / Math.Max(1, threadsPerCore), logicalCpus - 1));

    /// <summary>The logical CPUs of the first core (Linux reports them; elsewhere one is assumed).</summary>
    private static int ThreadsPerCore()
    {
        try
        {
            const string Siblings = "/sys/devices/system/cpu/cpu0/topology/thread_siblings_list";
            return OperatingSystem.IsLinux() && File.Exists(Siblings) ? CountCpus(File.ReadAllText(Siblings)) : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 1;
        }
    }

    /// <summary>Counts the CPUs of a Linux CPU list such as <c>0</c>, <c>0,8</c> or <c>0-1</c>.</summary>
    public static int CountCpus(string list)
    {
        var count = 0;
        foreach (var part in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            count += range.Length == 2 && int.TryParse(range[0], out var first) && int.TryParse(range[1], out var last) && last >= first ? last - first + 1 : 1;
        }

        return Math.Max(1, count);
    }
}
