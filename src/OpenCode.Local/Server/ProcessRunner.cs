using System.Diagnostics;

namespace OpenCode.Local.Server;

/// <summary>Runs a build tool to completion, streaming its output lines; a failure throws with the tail of its output.</summary>
internal static class ProcessRunner
{
    /// <summary>Describes a child process with its output redirected and its arguments passed unquoted.</summary>
    public static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    public static async Task RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        Action<string>? onLine,
        CancellationToken cancellationToken)
    {
        var startInfo = CreateStartInfo(fileName, arguments);
        startInfo.WorkingDirectory = workingDirectory;
        var tail = new OutputTail(30);
        using var process = new Process { StartInfo = startInfo };
        void OnData(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                tail.Add(line);
                onLine?.Invoke(line);
            }
        }

        process.OutputDataReceived += OnData;
        process.ErrorDataReceived += OnData;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.LocalServerFailed,
                $"'{Path.GetFileName(fileName)} {string.Join(' ', startInfo.ArgumentList)}' failed with exit code {process.ExitCode}:\n{tail}");
        }
    }
}
