using System.Runtime.InteropServices;

namespace OpenCode.Cli;

/// <summary>Turns Ctrl+C and SIGTERM into cancellation, so a generation stops cleanly and a local llama-server is stopped.</summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private TerminationSignals(CancellationTokenSource cancellation)
    {
        void Handle(PosixSignalContext context)
        {
            // A second Ctrl+C while the first is being handled ends the process the usual way.
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            context.Cancel = true;
            cancellation.Cancel();
        }

        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public static TerminationSignals CancelOnInterrupt(CancellationTokenSource cancellation) => new(cancellation);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
