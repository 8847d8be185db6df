using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace OpenCode.Cli.Output;

/// <summary>
/// With <c>OPENCODE_TIMELINE=1</c>, writes to stderr when each start-up step of a command finished, in milliseconds since the
/// process started: what a command does before its first request, measured where it happens.
/// </summary>
internal static class StartupTimeline
{
    /// <summary>The environment variable (after the CLI's prefix) that turns the timeline on.</summary>
    public const string Variable = "TIMELINE";

    private static readonly DateTimeOffset ProcessStart = StartOfProcess();

    public static void Mark(CliContext context, string step)
    {
        if (Environment.GetEnvironmentVariable(context.EnvironmentPrefix + Variable) is "1")
        {
            var elapsed = TimeProvider.System.GetUtcNow() - ProcessStart;

            // What the JIT cost so far shows whether a step is slow by its work or by compiling it (ReadyToRun covers the latter).
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"timeline: {elapsed.TotalMilliseconds,7:0.0} ms  {step}  (JIT so far: {JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {JitInfo.GetCompiledMethodCount()} methods)"));
        }
    }

    private static DateTimeOffset StartOfProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }
}
