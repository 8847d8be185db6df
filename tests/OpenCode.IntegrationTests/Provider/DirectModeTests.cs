using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.Server;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Provider;

/// <summary>Direct mode's server sub-mode: the provider starts, supervises and stops its own llama-server for a GGUF file.</summary>
public sealed class DirectModeTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DirectMode_StartAnswerRestartAndStop_ManagesItsOwnServer()
    {
        using var cts = TestDeadline.After(Deadline);
        var options = new OpenCodeOptions
        {
            ModelPath = fixture.DefaultModel,
            LocalServer = { Mode = LocalModelMode.Server, ExecutablePath = fixture.RequireServer(), ContextSize = 512, MaxRestarts = 2 },
        };
        var provider = new OpenCodeProvider(options) { LocalModels = LocalModelBackendFactory.Instance };
        int pid;
        try
        {
            var first = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 6 }, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);
            first.Usage!.CompletionTokens.ShouldBe(6);
            first.Model.ShouldBe(Path.GetFileNameWithoutExtension(fixture.DefaultModel));
            provider.Endpoint!.Host.ShouldBe("127.0.0.1");
            var server = provider.GetService<LocalLlamaServer>().ShouldNotBeNull();
            pid = server.ProcessId;

            using (var process = Process.GetProcessById(pid))
            {
                process.Kill();
                await process.WaitForExitAsync(cts.Token);
            }

            var afterRestart = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("again")], MaxTokens = 5 }, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);
            afterRestart.Usage!.CompletionTokens.ShouldBe(5);
            server.RestartCount.ShouldBe(1);
            server.ProcessId.ShouldNotBe(pid);
            pid = server.ProcessId;
        }
        finally
        {
            await provider.DisposeAsync();
        }

        Should.Throw<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public async Task OpenCodeAdapter_DirectMode_CompletesOneMessage()
    {
        using var cts = TestDeadline.After(Deadline);
        var port = OpenCodeAdapter.Create(new OpenCodeAdapterConfig
        {
            ModelPath = fixture.DefaultModel,
            LocalModels = LocalModelBackendFactory.Instance,
            DefaultTemperature = 0.2f,
            Timeout = TimeSpan.FromSeconds(30),
        });
        try
        {
            var answer = await port.CompleteAsync([new LlmMessage("user", "Write a loop.")], new LlmCompletionOptions { MaxTokens = 7 }, cts.Token);

            answer.Role.ShouldBe("assistant");
            answer.Content.ShouldNotBeNullOrEmpty();
            answer.FinishReason.ShouldBe(FinishReason.Length);
            answer.Usage!.CompletionTokens.ShouldBe(7);
        }
        finally
        {
            await ((IAsyncDisposable)port).DisposeAsync();
        }
    }

    [Fact]
    public async Task ChatClient_RealServer_StreamsWithUsageAndFinishReason()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, cancellationToken: cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        using var chat = provider.AsChatClient();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 9 }, cts.Token))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        response.FinishReason.ShouldBe(ChatFinishReason.Length);
        response.Usage!.OutputTokenCount.ShouldBe(9);
        response.Text.ShouldNotBeNullOrEmpty();
    }
}
