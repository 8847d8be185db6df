using OpenCode.Configuration;

namespace OpenCode.Local.Server;

/// <summary>What <see cref="LocalLlamaServer.StartAsync(LocalLlamaServerStartInfo, Microsoft.Extensions.Logging.ILogger?, TimeProvider?, CancellationToken)"/> runs.</summary>
public sealed class LocalLlamaServerStartInfo
{
    /// <summary>Gets the GGUF model file to serve.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Gets the local-server settings: binary, context size, slots, threads, startup timeout, restarts.</summary>
    /// <value>Defaults to a new <see cref="LocalServerOptions"/>.</value>
    public LocalServerOptions Options { get; init; } = new();

    /// <summary>Gets the API key the server demands (passed in its environment, not its command line); <see langword="null"/> for none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the model id the server reports (<c>--alias</c>); <see langword="null"/> leaves llama-server to report the file path.</summary>
    public string? ModelAlias { get; init; }

    /// <summary>Gets more command-line arguments for llama-server, for example <c>--metrics</c>.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<string> AdditionalArguments { get; init; } = [];

    /// <summary>Gets where build progress goes when the binary is missing and <see cref="LocalServerOptions.BuildIfMissing"/> is set.</summary>
    public IProgress<string>? BuildProgress { get; init; }
}
