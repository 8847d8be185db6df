using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.ChatClient.Conformance;

/// <summary>
/// The real llama-servers the chat conformance suite runs against, each started once for the suite: one with <c>--jinja</c> and a
/// tool-rendering template (tools), one with <c>--no-jinja</c> (the path on which this build serves structured output, FACTS.md).
/// </summary>
internal static class ConformanceServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalLlamaServer? _jinja;
    private static LocalLlamaServer? _noJinja;

    /// <summary>Gets the <c>--jinja</c> server (2 slots), starting it on first use.</summary>
    public static Task<LocalLlamaServer> JinjaAsync(LlamaServerFixture fixture, CancellationToken cancellationToken) =>
        GetAsync(fixture, jinja: true, cancellationToken);

    /// <summary>Gets the <c>--no-jinja</c> server (2 slots), starting it on first use.</summary>
    public static Task<LocalLlamaServer> NoJinjaAsync(LlamaServerFixture fixture, CancellationToken cancellationToken) =>
        GetAsync(fixture, jinja: false, cancellationToken);

    /// <summary>The default model the providers name: not the id llama-server lists (its file path), which it accepts all the same.</summary>
    public const string ModelName = "tiny-tools";

    /// <summary>A provider for a server (direct construction, as an app without DI would), with <see cref="ModelName"/> as its default model.</summary>
    public static OpenCodeProvider Provider(LocalLlamaServer server) =>
        new(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Models = { DefaultModel = ModelName } });

    private static async Task<LocalLlamaServer> GetAsync(LlamaServerFixture fixture, bool jinja, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var server = (jinja ? _jinja : _noJinja) ?? await fixture.StartAsync(
                new LocalLlamaServerStartInfo
                {
                    ModelPath = fixture.CreateModel("tiny-tools", new TinyModelSpec { ChatTemplate = ToolTemplate.Text }),
                    Options = new LocalServerOptions { ContextSize = 8192, Parallel = 2 },
                    AdditionalArguments = [jinja ? "--jinja" : "--no-jinja"],
                },
                cancellationToken);
            if (jinja)
            {
                _jinja = server;
            }
            else
            {
                _noJinja = server;
            }

            await server.EnsureRunningAsync(cancellationToken);
            return server;
        }
        finally
        {
            Gate.Release();
        }
    }
}
