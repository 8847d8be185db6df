using System.CommandLine;
using Microsoft.Extensions.Logging;
using OpenCode.Cli.Configuration;
using OpenCode.Cli.Credentials;
using OpenCode.Cli.Output;
using OpenCode.Cli.Storage;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Provider;

namespace OpenCode.Cli.Commands;

/// <summary>Runs a command's body with settings and a provider, and turns every failure into one stderr line and an exit code.</summary>
internal static class CommandExecution
{
    /// <summary>Makes <paramref name="body"/> the command's action, run with the common options read from its command line.</summary>
    public static void SetAction(Command command, CliContext context, CommonOptions common, Func<ParseResult, CommandSession, CancellationToken, Task<int>> body) =>
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, common.Read(parseResult), (session, token) => body(parseResult, session, token), cancellationToken));

    public static Task<int> RunAsync(
        CliContext context, CommonArguments arguments, Func<CommandSession, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        GuardAsync(
            context,
            arguments,
            async loggerFactory =>
            {
                var logger = loggerFactory.CreateLogger("OpenCode.Cli");
                CliLog.Arguments(logger, arguments);
                StartupTimeline.Mark(context, "command parsed");
                var settings = await CliSettingsLoader.LoadAsync(arguments, context.EnvironmentPrefix, cancellationToken);
                StartupTimeline.Mark(context, "settings loaded");
                CliLog.Settings(logger, settings.Options, settings.IsDirect);
                if (settings.IsDemo)
                {
                    DemoNotice.Write(context.Error);
                }

                var stores = CliStores.Open(context);
                StartupTimeline.Mark(context, "stores opened");
                // The loader has validated the options; the public constructor would validate them a second time.
                var provider = new OpenCodeProvider(
                    EndpointSettings.Of(settings.Options), httpClient: null, loggerFactory, timeProvider: null, stores, alerts: null,
                    CredentialStoreLocation.Open(context.EnvironmentPrefix))
                {
                    LocalModels = LocalModelBackendFactory.Instance,
                };
                StartupTimeline.Mark(context, "provider created");
                await using (provider)
                {
                    return await body(new CommandSession(context, arguments, settings, provider), cancellationToken);
                }
            },
            cancellationToken);

    /// <summary>Runs <paramref name="body"/> with the CLI's logging, turning every failure into one stderr line and an exit code.</summary>
    public static async Task<int> GuardAsync(CliContext context, CommonArguments arguments, Func<ILoggerFactory, Task<int>> body, CancellationToken cancellationToken)
    {
        using var loggerFactory = CliLogging.Create(context.Error, arguments.Verbose);
        try
        {
            return await body(loggerFactory);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return ErrorReporter.Report(context.Error, exception, arguments.Verbose);
        }
    }
}
