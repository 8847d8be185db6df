using OpenCode.Cli.Configuration;
using OpenCode.Cli.Output;
using OpenCode.Configuration;
using OpenCode.Provider;

namespace OpenCode.Cli.Commands;

/// <summary>What a running command works with: the console, its arguments, the resolved settings and the provider.</summary>
internal sealed class CommandSession(CliContext context, CommonArguments arguments, CliSettings settings, OpenCodeProvider provider)
{
    public CliContext Context { get; } = context;

    public CommonArguments Arguments { get; } = arguments;

    public CliSettings Settings { get; } = settings;

    public OpenCodeProvider Provider { get; } = provider;

    /// <summary>
    /// Connects to the server; in direct mode reads the model file's header (in process), or starts llama-server (<c>localServer.mode: server</c>,
    /// building it first if needed, with progress on stderr).
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        Settings.IsDirect && Settings.Options.LocalServer.Mode == LocalModelMode.Server
            ? LocalServerStartup.RunAsync(Context, Provider, Settings, cancellationToken)
            : Provider.InitializeAsync(cancellationToken);
}
