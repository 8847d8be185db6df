using System.Globalization;

namespace OpenCode.Local.Server;

/// <summary>Turns a start request into llama-server's command line.</summary>
internal static class LlamaServerArguments
{
    public static IReadOnlyList<string> Build(LocalLlamaServerStartInfo startInfo, int port)
    {
        var options = startInfo.Options;
        var arguments = new List<string>
        {
            "--model", startInfo.ModelPath,
            "--host", "127.0.0.1",
            "--port", Invariant(port),
            "--parallel", Invariant(options.Parallel),
        };
        if (options.ContextSize is { } contextSize)
        {
            arguments.AddRange(["--ctx-size", Invariant(contextSize)]);
        }

        if (options.Threads is { } threads)
        {
            arguments.AddRange(["--threads", Invariant(threads)]);
        }

        if (startInfo.ModelAlias is { Length: > 0 } alias)
        {
            arguments.AddRange(["--alias", alias]);
        }

        arguments.AddRange(startInfo.AdditionalArguments);
        return arguments;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
