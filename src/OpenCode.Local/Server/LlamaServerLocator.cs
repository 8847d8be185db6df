using OpenCode.Configuration;

namespace OpenCode.Local.Server;

/// <summary>Finds the llama-server binary direct mode runs.</summary>
/// <remarks>
/// Looks, in order, at <see cref="LocalServerOptions.ExecutablePath"/>, the <c>OPENCODE_LLAMA_SERVER</c> environment
/// variable, <c>llama-server</c> on <c>PATH</c>, and the build cache
/// <c>${OPENCODE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/opencode}/llama-server/de3ff81/llama-server</c>.
/// </remarks>
public sealed class LlamaServerLocator
{
    /// <summary>The environment variable that names the binary.</summary>
    public const string EnvironmentVariable = "OPENCODE_LLAMA_SERVER";

    private readonly LocalEnvironment _environment;

    /// <summary>Initializes a new instance of the <see cref="LlamaServerLocator"/> class that looks at this machine.</summary>
    public LlamaServerLocator()
        : this(LocalEnvironment.System)
    {
    }

    internal LlamaServerLocator(LocalEnvironment environment) => _environment = environment;

    /// <summary>Finds the binary without building it.</summary>
    /// <param name="options">The local-server settings.</param>
    /// <returns>The binary's path, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="OpenCodeException">
    /// <see cref="OpenCodeErrorCodes.LocalServerFailed"/>: the configured path or the environment variable names a missing file.
    /// </exception>
    public string? Locate(LocalServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ExecutablePath))
        {
            return Existing(options.ExecutablePath, "localServer.executablePath");
        }

        if (_environment.GetVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Existing(fromEnvironment, EnvironmentVariable);
        }

        return _environment.FindOnPath("llama-server")
            ?? (_environment.FileExists(_environment.CachedServerPath) ? _environment.CachedServerPath : null);
    }

    /// <summary>Finds the binary, building it first when it is missing and <see cref="LocalServerOptions.BuildIfMissing"/> is set.</summary>
    /// <param name="options">The local-server settings.</param>
    /// <param name="progress">Receives build progress lines; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the lookup or the build.</param>
    /// <returns>The binary's path.</returns>
    /// <exception cref="OpenCodeException"><see cref="OpenCodeErrorCodes.LocalServerFailed"/>: there is none and it may not or could not be built.</exception>
    public async Task<string> LocateOrBuildAsync(LocalServerOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (Locate(options) is { } path)
        {
            return path;
        }

        if (!options.BuildIfMissing)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.LocalServerFailed,
                "No llama-server binary was found. Set localServer.executablePath or the OPENCODE_LLAMA_SERVER environment variable, "
                + "put llama-server on PATH, run eng/build-llama-server.sh (it caches the binary at "
                + $"{_environment.CachedServerPath}), or set localServer.buildIfMissing to build it (about 7 minutes).");
        }

        return await new LlamaServerBuilder(_environment).BuildAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    private string Existing(string path, string setting) => _environment.FileExists(path)
        ? path
        : throw new OpenCodeException(OpenCodeErrorCodes.LocalServerFailed, $"{setting} names '{path}', which does not exist.");
}
