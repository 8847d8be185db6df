using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>How direct mode runs its GGUF file: in this process, or in a local llama-server that is found and run for it.</summary>
public sealed class LocalServerOptions
{
    /// <summary>Gets or sets where the model runs: in this process, or in a llama-server the library starts.</summary>
    /// <value>Defaults to <see cref="LocalModelMode.InProcess"/> (needs the OpenCode.Local package).</value>
    public LocalModelMode Mode { get; set; } = LocalModelMode.InProcess;

    /// <summary>Gets or sets the milliseconds an in-process model may stay unused before it is unloaded; the next request loads it again.</summary>
    /// <value>Defaults to 600000 (10 minutes); 0 keeps it loaded until the provider is disposed; at most 86400000 (a day).</value>
    [Range(0, 86_400_000)]
    public int IdleUnloadTimeout { get; set; } = 600_000;

    /// <summary>
    /// Gets or sets how many requests may wait for an in-process model while it decodes another one (it decodes one at a time);
    /// one more fails at once with <c>QUEUE_FULL</c>.
    /// </summary>
    /// <value>Defaults to 16; 0 to 1024 (0 turns away every request that finds the model busy).</value>
    [Range(0, 1024)]
    public int MaxQueuedRequests { get; set; } = 16;

    /// <summary>Gets or sets the llama-server binary; <see langword="null"/> looks on <c>PATH</c>, then in the project's build cache.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Gets or sets a value indicating whether a missing llama-server is built from the npm source bundle.</summary>
    /// <value>Defaults to <see langword="false"/>: building takes minutes, so it is asked for explicitly (the CLI does).</value>
    public bool BuildIfMissing { get; set; }

    /// <summary>Gets or sets the context size the model runs with (the server's <c>--ctx-size</c>); <see langword="null"/> uses the model's.</summary>
    [Range(64, 1_048_576)]
    public int? ContextSize { get; set; }

    /// <summary>Gets or sets the number of parallel slots (<c>--parallel</c>).</summary>
    /// <value>Defaults to 1; 1 to 64.</value>
    [Range(1, 64)]
    public int Parallel { get; set; } = 1;

    /// <summary>Gets or sets the CPU threads decoding uses (the server's <c>--threads</c>).</summary>
    /// <value>
    /// <see langword="null"/> (the default): a spawned llama-server decides (one per physical core); an in-process model uses one per
    /// physical core but leaves one logical CPU to the rest of the process (on 2 cores: 1 thread), since llama.cpp's threads stall
    /// whenever one of them loses its CPU.
    /// </value>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>Gets or sets the most milliseconds to wait for the server to load the model and answer <c>/health</c>.</summary>
    /// <value>Defaults to 60000; 1000 to 600000.</value>
    [Range(1000, 600000)]
    public int StartupTimeout { get; set; } = 60000;

    /// <summary>Gets or sets how many times a server that died is restarted before the provider gives up.</summary>
    /// <value>Defaults to 3; 0 to 100.</value>
    [Range(0, 100)]
    public int MaxRestarts { get; set; } = 3;
}
