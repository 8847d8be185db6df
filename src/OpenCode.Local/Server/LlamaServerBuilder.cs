using System.Globalization;

namespace OpenCode.Local.Server;

/// <summary>Builds llama-server from the llama.cpp source bundled in the npm package <c>node-llama-cpp</c>, as <c>eng/build-llama-server.sh</c> does.</summary>
/// <remarks>
/// Needs <c>npm</c>, <c>git</c>, <c>cmake</c> and a C++ compiler; takes about 7 minutes on 2 cores. The binary, the
/// vocabulary GGUFs and the chat templates of the source are cached under the commit, so later calls return at once.
/// </remarks>
public sealed class LlamaServerBuilder
{
    private static readonly string[] RequiredTools = ["npm", "git", "cmake"];

    private readonly LocalEnvironment _environment;

    /// <summary>Initializes a new instance of the <see cref="LlamaServerBuilder"/> class that builds on this machine.</summary>
    public LlamaServerBuilder()
        : this(LocalEnvironment.System)
    {
    }

    internal LlamaServerBuilder(LocalEnvironment environment) => _environment = environment;

    /// <summary>Builds llama-server unless it is already cached.</summary>
    /// <param name="progress">Receives progress lines (steps, then <c>building llama-server: NN%</c>); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the build; running tools are stopped.</param>
    /// <returns>The path of the cached binary.</returns>
    /// <exception cref="OpenCodeException"><see cref="OpenCodeErrorCodes.LocalServerFailed"/>: a tool is missing or a step failed.</exception>
    public async Task<string> BuildAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        string binary = _environment.CachedServerPath;
        if (_environment.FileExists(binary))
        {
            progress?.Report($"cached: {binary}");
            return binary;
        }

        var tools = FindTools();
        string work = Path.Combine(_environment.CacheRoot, "llama-build." + Path.GetRandomFileName());
        Directory.CreateDirectory(work);
        try
        {
            progress?.Report($"fetching node-llama-cpp@{LlamaCppRelease.NodeLlamaCppVersion} source bundle");
            await ProcessRunner.RunAsync(tools["npm"], ["pack", "--silent", $"node-llama-cpp@{LlamaCppRelease.NodeLlamaCppVersion}"], work, null, cancellationToken).ConfigureAwait(false);
            string bundle = await LlamaSourceFiles.ExtractBundleAsync(work, cancellationToken).ConfigureAwait(false);
            string source = Path.Combine(work, "llama.cpp");
            await ProcessRunner.RunAsync(tools["git"], ["clone", "-q", bundle, source], work, null, cancellationToken).ConfigureAwait(false);
            LlamaSourceFiles.CopyResources(source, _environment.CacheRoot);

            progress?.Report("configuring (cmake)");
            string build = Path.Combine(source, "build");
            await ProcessRunner.RunAsync(tools["cmake"], ConfigureArguments(source, build), work, null, cancellationToken).ConfigureAwait(false);

            progress?.Report($"building with {Environment.ProcessorCount} jobs (about 6-7 minutes on 2 cores)");
            int lastPercent = -1;
            void OnBuildLine(string line)
            {
                if (BuildProgressParser.TryParsePercent(line, out int percent) && percent != lastPercent)
                {
                    lastPercent = percent;
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"building llama-server: {percent}%"));
                }
            }

            string[] buildArguments = ["--build", build, "--target", "llama-server", "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)];
            await ProcessRunner.RunAsync(tools["cmake"], buildArguments, work, OnBuildLine, cancellationToken).ConfigureAwait(false);

            Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
            File.Copy(Path.Combine(build, "bin", LocalEnvironment.ServerFileName), binary + ".tmp", overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(binary + ".tmp", File.GetUnixFileMode(binary + ".tmp") | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            File.Move(binary + ".tmp", binary, overwrite: true);
            progress?.Report($"built: {binary}");
            return binary;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static IReadOnlyList<string> ConfigureArguments(string source, string build) =>
    [
        "-S", source, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
        "-DLLAMA_OPENSSL=OFF", "-DLLAMA_CURL=OFF", "-DLLAMA_BUILD_UI=OFF", "-DLLAMA_USE_PREBUILT_UI=OFF",
        "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DBUILD_SHARED_LIBS=OFF",
    ];

    internal Dictionary<string, string> FindTools()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string tool in RequiredTools)
        {
            found[tool] = _environment.FindOnPath(tool) ?? throw MissingTool(tool);
        }

        if (_environment.FindOnPath("c++") is null && _environment.FindOnPath("g++") is null && _environment.FindOnPath("clang++") is null)
        {
            throw MissingTool("c++ (g++ or clang++)");
        }

        return found;
    }

    private static OpenCodeException MissingTool(string tool) => new(
        OpenCodeErrorCodes.LocalServerFailed,
        $"llama-server cannot be built: the required tool '{tool}' is not on PATH. Install it, or point localServer.executablePath at a llama-server binary.");
}
