namespace OpenCode.Local.Server;

/// <content>Running one process and restarting it when it dies.</content>
public sealed partial class LocalLlamaServer
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(4);

    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt, 16) - 1)));

    private static TaskCompletionSource NewReadySource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        const int attempts = 3;
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort.Find();
            try
            {
                await RunProcessAsync(port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OpenCodeException) when (attempt < attempts && !FreePort.IsFree(port))
            {
                // Another program took the port between our probe and the server's bind: try another one.
            }
        }
    }

    private async Task RunProcessAsync(int port, CancellationToken cancellationToken)
    {
        var process = LlamaServerProcess.Start(_executable, LlamaServerArguments.Build(_startInfo, port), _startInfo.ApiKey, _logger);
        Interlocked.Exchange(ref _process, process)?.Dispose();
        _baseAddress = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            var timeout = TimeSpan.FromMilliseconds(_startInfo.Options.StartupTimeout);
            await HealthProbe.WaitUntilHealthyAsync(_http, _baseAddress, process, timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await process.StopAsync().ConfigureAwait(false);
            throw;
        }

        LocalServerLog.ServerReady(_logger, process.Id, _baseAddress, _startInfo.ModelPath);
    }

    private async Task SuperviseAsync()
    {
        var stopping = _disposing.Token;
        try
        {
            while (!_failed)
            {
                await _process!.Exited.WaitAsync(stopping).ConfigureAwait(false);
                _ready = NewReadySource();
                await RestartAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposing.
        }
        catch (Exception exception)
        {
            // Never leave callers of EnsureRunningAsync waiting on a supervisor that has stopped.
            MarkFailed(new OpenCodeException(OpenCodeErrorCodes.LocalServerFailed, "Supervising llama-server failed: " + exception.Message, innerException: exception));
        }
    }

    private void MarkFailed(OpenCodeException exception)
    {
        _failed = true;
        _ready.TrySetException(exception);
    }

    private async Task RestartAsync(CancellationToken stopping)
    {
        int maxRestarts = _startInfo.Options.MaxRestarts;
        var dead = _process!;
        Exception? lastError = null;
        while (RestartCount < maxRestarts)
        {
            int attempt = Interlocked.Increment(ref _restartCount);
            LocalServerLog.ServerExited(_logger, dead.Id, dead.ExitCode, attempt, maxRestarts);
            await Task.Delay(Backoff(attempt), _time, stopping).ConfigureAwait(false);
            int port = _baseAddress.Port;
            try
            {
                await RunProcessAsync(FreePort.IsFree(port) ? port : FreePort.Find(), stopping).ConfigureAwait(false);
                _ready.TrySetResult();
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LocalServerLog.RestartFailed(_logger, exception);
                lastError = exception;
                dead = _process!;
            }
        }

        LocalServerLog.ServerFailed(_logger, maxRestarts);
        MarkFailed(new OpenCodeException(
            OpenCodeErrorCodes.LocalServerFailed,
            $"llama-server for '{_startInfo.ModelPath}' exited with code {dead.ExitCode} after {maxRestarts} restarts (localServer.maxRestarts); "
            + $"it is not restarted again. Its last output:\n{dead.Tail}",
            innerException: lastError));
    }
}
