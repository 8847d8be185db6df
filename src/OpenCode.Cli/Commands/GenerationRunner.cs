using OpenCode.Cli.Credentials;
using OpenCode.Cli.Output;
using OpenCode.Local;
using OpenCode.Routing;

namespace OpenCode.Cli.Commands;

/// <summary>Sends one request and prints the answer: streamed text, or one JSON object at the end with <c>--json</c>.</summary>
internal static class GenerationRunner
{
    /// <summary>Sends a chat or completion request: to the configured server, or with <c>instances</c> through a router over them.</summary>
    public static Task<int> RunAsync(CommandSession session, MessageRequest request, CancellationToken cancellationToken) =>
        IsRouted(session)
            ? RunRoutedAsync(session, request, cancellationToken)
            : RunAsync(session, provider => provider.SendMessageAsync(request, cancellationToken), cancellationToken);

    /// <summary>Runs any generation of the provider (chat, completion, infill) with the same output.</summary>
    public static async Task<int> RunAsync(CommandSession session, Func<Provider.OpenCodeProvider, IAsyncEnumerable<MessageChunk>> generate, CancellationToken cancellationToken)
    {
        await session.InitializeAsync(cancellationToken);
        StartupTimeline.Mark(session.Context, "provider initialized (discovery done; the request goes out next)");
        return await PrintAsync(session, generate(session.Provider), cancellationToken);
    }

    private static async Task<int> RunRoutedAsync(CommandSession session, MessageRequest request, CancellationToken cancellationToken)
    {
        var router = CreateRouter(session);
        await using (router)
        {
            await router.InitializeAsync(cancellationToken);
            return await PrintAsync(session, router.SendMessageAsync(request, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Whether the command's requests go through a router over <c>instances</c> (configured, and no single server or model named).</summary>
    public static bool IsRouted(CommandSession session) => session.Settings.Options.Instances.Count > 0 && !session.Settings.IsDirect;

    /// <summary>A router over the configured instances, sharing the session provider's stores.</summary>
    public static OpenCodeRouter CreateRouter(CommandSession session) => OpenCodeRouter.Create(
        session.Settings.Options,
        stores: session.Provider.Stores,
        credentialStore: CredentialStoreLocation.Open(session.Context.EnvironmentPrefix),
        localModels: LocalModelBackendFactory.Instance);

    private static async Task<int> PrintAsync(CommandSession session, IAsyncEnumerable<MessageChunk> chunks, CancellationToken cancellationToken)
    {
        var json = session.Arguments.Json;
        var printer = new StreamPrinter(session.Context, showReasoning: session.Arguments.Verbose);
        CompletedMessage completed;
        var first = true;
        try
        {
            completed = await chunks
                .ToCompletedMessageAsync(
                    chunk =>
                    {
                        if (first)
                        {
                            first = false;
                            StartupTimeline.Mark(session.Context, "first chunk");
                        }

                        if (!json)
                        {
                            printer.Write(chunk);
                        }
                    },
                    cancellationToken: cancellationToken);
        }
        finally
        {
            // Whatever happened, leave the terminal on a fresh line after a partial answer.
            printer.EndLine();
        }

        StartupTimeline.Mark(session.Context, "answer complete");

        if (json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, GenerationJson.From(completed), CliJsonContext.Default.GenerationJson);
        }

        return ExitCodes.Success;
    }
}
