using System.Globalization;

namespace OpenCode.Local.InProcess;

/// <summary>How much memory a model may take: the kernel's <c>MemAvailable</c> where there is one, else what the runtime sees as available.</summary>
internal static class AvailableMemory
{
    public static long Read()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                // "MemAvailable:   12345678 kB"
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No readable /proc/meminfo (not Linux, or a sandbox): the runtime's view below is the answer.
        }

        var info = GC.GetGCMemoryInfo();
        return info.TotalAvailableMemoryBytes - info.MemoryLoadBytes;
    }
}
