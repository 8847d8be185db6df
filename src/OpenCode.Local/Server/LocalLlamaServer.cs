using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Configuration;

namespace OpenCode.Local.Server;

/// <summary>A llama-server this process started on 127.0.0.1 for a local GGUF file, and keeps running.</summary>
/// <remarks>
/// The server gets a free port and is ready once <c>GET /health</c> answers 200. If it dies it is restarted (on the
/// same port when that is free) up to <see cref="LocalServerOptions.MaxRestarts"/> times with a short backoff; after
/// that <see cref="EnsureRunningAsync"/> throws. Disposing kills the process it started, and only that one.
/// </remarks>
public sealed partial class LocalLlamaServer : IAsyncDisposable
{
    private static readonly TimeSpan RetryReadyDelay = TimeSpan.FromMilliseconds(10);

    private readonly LocalLlamaServerStartInfo _startInfo;
    private readonly string _executable;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _disposing = new();
    private LlamaServerProcess? _process;
    private volatile Uri _baseAddress = new("http://127.0.0.1/");
    private volatile TaskCompletionSource _ready = NewReadySource();
    private Task _monitor = Task.CompletedTask;
    private int _restartCount;
    private int _disposed;
    private volatile bool _failed;

    private LocalLlamaServer(LocalLlamaServerStartInfo startInfo, string executable, ILogger logger, TimeProvider time)
    {
        _startInfo = startInfo;
        _executable = executable;
        _logger = logger;
        _time = time;
    }

    /// <summary>Gets the server's address, for example <c>http://127.0.0.1:41234/</c>; it may change after a restart.</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>Gets the id of the running server process.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Gets how many times the server has been restarted after dying.</summary>
    public int RestartCount => Volatile.Read(ref _restartCount);

    /// <summary>Gets a value indicating whether the server died more often than allowed and is no longer restarted.</summary>
    public bool HasFailed => _failed;

    /// <summary>Starts a server for a model file with the given settings.</summary>
    /// <param name="modelPath">The GGUF model file.</param>
    /// <param name="options">The local-server settings.</param>
    /// <param name="logger">Receives the server's output (Debug) and its lifecycle; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for polling, timeouts and backoff; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="OpenCodeException"><see cref="OpenCodeErrorCodes.LocalServerFailed"/>: see the other overload.</exception>
    public static Task<LocalLlamaServer> StartAsync(
        string modelPath, LocalServerOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalLlamaServerStartInfo { ModelPath = modelPath, Options = options }, logger, timeProvider, cancellationToken);

    /// <summary>Starts a server and waits until it is healthy.</summary>
    /// <param name="startInfo">The model, settings and extra arguments.</param>
    /// <param name="logger">Receives the server's output (Debug) and its lifecycle; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for polling, timeouts and backoff; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels the start; a started process is killed.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="OpenCodeException">
    /// <see cref="OpenCodeErrorCodes.LocalServerFailed"/>: the model file is missing, no llama-server binary was found,
    /// or the server exited or did not become healthy within <see cref="LocalServerOptions.StartupTimeout"/> (the message
    /// carries its last output lines).
    /// </exception>
    public static async Task<LocalLlamaServer> StartAsync(
        LocalLlamaServerStartInfo startInfo, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        if (!File.Exists(startInfo.ModelPath))
        {
            throw new OpenCodeException(OpenCodeErrorCodes.LocalServerFailed, $"The model file '{startInfo.ModelPath}' does not exist.");
        }

        string executable = await new LlamaServerLocator()
            .LocateOrBuildAsync(startInfo.Options, startInfo.BuildProgress, cancellationToken).ConfigureAwait(false);
        var server = new LocalLlamaServer(startInfo, executable, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
        try
        {
            await server.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        server._ready.TrySetResult();
        server._monitor = server.SuperviseAsync();
        AppDomain.CurrentDomain.ProcessExit += server.OnHostExit;
        return server;
    }

    /// <summary>Returns once the server is running, waiting for a restart in progress.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server is running.</returns>
    /// <exception cref="OpenCodeException"><see cref="OpenCodeErrorCodes.LocalServerFailed"/>: the server died more than <see cref="LocalServerOptions.MaxRestarts"/> times.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed.</exception>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var ready = _ready.Task;
            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_process is { HasExited: false })
            {
                return;
            }

            // The process just died and the supervisor has not yet marked the restart: give it a moment.
            await Task.Delay(RetryReadyDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server: kills the process this instance started and waits until it has exited.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnHostExit;
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _monitor.ConfigureAwait(false);
        if (_process is { } process)
        {
            await process.StopAsync().ConfigureAwait(false);
            process.Dispose();
        }

        _ready.TrySetException(new ObjectDisposedException(nameof(LocalLlamaServer)));
        _ = _ready.Task.Exception; // observed: nobody may be waiting
        _http.Dispose();
        _disposing.Dispose();
    }

    /// <summary>Gets the supervisor loop; it ends when the server is disposed, the host exits, or restarts are used up.</summary>
    internal Task Supervision => _monitor;

    /// <summary>Gets a task that completes when the current server process has exited.</summary>
    internal Task ProcessExited => _process?.Exited ?? Task.CompletedTask;

    /// <summary>Stops supervising and kills the server: a host that exits without disposing must not leave it running.</summary>
    internal void OnHostExit(object? sender, EventArgs e)
    {
        _disposing.Cancel();
        _process?.Kill();
    }

    /// <summary>Kills the server process as a crash would and waits until it is gone, so tests can watch the restart.</summary>
    internal Task KillForTestingAsync() => _process?.StopAsync() ?? Task.CompletedTask;
}
