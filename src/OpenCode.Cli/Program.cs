using OpenCode.Cli;

using var cancellation = new CancellationTokenSource();
using var signals = TerminationSignals.CancelOnInterrupt(cancellation);
return await CliApp.RunAsync(args, CliContext.FromConsole(), cancellation.Token);
