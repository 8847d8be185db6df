using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OpenCode.Local.Server;

/// <summary>One run of a llama-server process: its output (logged and kept), its exit, and stopping it.</summary>
internal sealed class LlamaServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private int? _exitCode;

    private LlamaServerProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    public int Id { get; private set; }

    /// <summary>Gets the last lines the process wrote to stdout and stderr.</summary>
    public OutputTail Tail { get; } = new();

    /// <summary>Gets a task that completes when the process has exited and its output has been read.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    /// <summary>Gets a value indicating whether the process is gone; asks the OS, because <see cref="Exited"/> also waits for the output to drain.</summary>
    public bool HasExited
    {
        get
        {
            if (Exited.IsCompleted)
            {
                return true;
            }

            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Gets the exit code; only valid once <see cref="HasExited"/>, and still readable after <see cref="Dispose"/>.</summary>
    public int ExitCode => _exitCode ?? _process.ExitCode;

    public static LlamaServerProcess Start(string executable, IReadOnlyList<string> arguments, string? apiKey, ILogger logger)
    {
        var startInfo = ProcessRunner.CreateStartInfo(executable, arguments);
        if (apiKey is not null)
        {
            // The environment, unlike the command line, is not visible to other users of the machine.
            startInfo.Environment["LLAMA_API_KEY"] = apiKey;
        }

        var run = new LlamaServerProcess(new Process { StartInfo = startInfo }, logger);
        run._process.OutputDataReceived += run.OnOutput;
        run._process.ErrorDataReceived += run.OnOutput;
        try
        {
            run._process.Start();
        }
        catch (Win32Exception exception)
        {
            run.Dispose();
            throw new OpenCodeException(
                OpenCodeErrorCodes.LocalServerFailed, $"llama-server could not be started from '{executable}': {exception.Message}", innerException: exception);
        }

        run.Id = run._process.Id;
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        run.Exited = run._process.WaitForExitAsync();
        return run;
    }

    /// <summary>Kills the process and everything it started, by its id, without waiting.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    /// <summary>Kills the process and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        Kill();
        await Exited.ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (HasExited)
        {
            _exitCode = _process.ExitCode;
        }

        _process.Dispose();
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line)
        {
            Tail.Add(line);
            LocalServerLog.ServerOutput(_logger, Id, line);
        }
    }
}
