using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>How a local llama-server is found and run in direct mode.</summary>
public sealed class LocalServerOptions
{
    /// <summary>Gets or sets the llama-server binary; <see langword="null"/> looks on <c>PATH</c>, then in the project's build cache.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Gets or sets a value indicating whether a missing llama-server is built from the npm source bundle.</summary>
    /// <value>Defaults to <see langword="false"/>: building takes minutes, so it is asked for explicitly (the CLI does).</value>
    public bool BuildIfMissing { get; set; }

    /// <summary>Gets or sets the context size the server runs with (<c>--ctx-size</c>); <see langword="null"/> uses the model's.</summary>
    [Range(64, 1_048_576)]
    public int? ContextSize { get; set; }

    /// <summary>Gets or sets the number of parallel slots (<c>--parallel</c>).</summary>
    /// <value>Defaults to 1; 1 to 64.</value>
    [Range(1, 64)]
    public int Parallel { get; set; } = 1;

    /// <summary>Gets or sets the CPU threads the server uses (<c>--threads</c>); <see langword="null"/> lets it decide.</summary>
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
