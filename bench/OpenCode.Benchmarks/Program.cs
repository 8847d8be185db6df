using BenchmarkDotNet.Running;
using OpenCode.Benchmarks;

if (args.Length > 0 && args[0] == "stream")
{
    return await StreamHarness.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "smoke")
{
    // CI's guard against a harness that no longer runs: the behaviour checks, a few seconds of each streaming mode, the scale run.
    return await Smoke.RunAsync();
}

if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "check")
{
    return await StreamChecks.RunAsync();
}

if (args.Length > 2 && args[0] == "spin")
{
    // For profilers (perf with DOTNET_PerfMapEnabled=1): one client streaming from memory in a loop.
    return await StreamHarness.SpinAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "cancel")
{
    return await CancelLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

if (args.Length > 0 && args[0] == "limiter")
{
    return await LimiterOverhead.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16,
        TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10));
}

if (args.Length > 0 && args[0] == "pipeline")
{
    return await PipelineLoad.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

if (args.Length > 0 && args[0] == "soak")
{
    return await SoakRun.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50);
}

if (args.Length > 0 && args[0] == "routing")
{
    return await RoutingOverhead.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "direct")
{
    return await DirectModeComparison.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

if (args.Length > 0 && args[0] == "completion-replay")
{
    return await CompletionReplay.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(StreamingBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

Console.Error.WriteLine("""
    usage:
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- stream [--seconds 30] [--warmup 10] [--chunks 20000] [--limits default|max]
                                                                        [--streams-per-sample 3] [--alloc-streams 20]
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- bdn --filter '*'
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- check   (behaviour checks of the provider's stream)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- scale [--requests 10000] [--warmup 2000] [--max-bytes-per-request 8]   (heap per request)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- smoke   (CI: checks, a short run of each harness; non-zero exit when one breaks)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- cancel [runs]   (cancel -> real llama-server idle)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- limiter [callers] [seconds]   (limiter overhead per request)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- pipeline [streams] [rounds] [chunks]   (concurrent streams, flat memory)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- routing [requests]   (router overhead per request, in memory)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- soak [streams] [concurrency] [chunks]   (faults mixed in: typed, flat, no leaks)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- direct [tokens] [runs]   (direct mode in process vs llama-server)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- completion-replay [chars-per-file] [keystroke-ms] [pause-ms] [raw-samples]   (code completion, real llama-server)
      dotnet run -c Release --project bench/OpenCode.Benchmarks -- spin <client 0|1|2|3> <seconds>   (for profilers; 3 = the IChatClient face)
    """);
return 2;
