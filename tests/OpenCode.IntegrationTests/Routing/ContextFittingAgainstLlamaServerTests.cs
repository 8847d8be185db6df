using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Routing;

namespace OpenCode.IntegrationTests.Routing;

/// <summary>Context fitting with llama-server's own tokenizer and context windows.</summary>
public sealed class ContextFittingAgainstLlamaServerTests(LlamaServerFixture fixture)
{
    [Fact]
    public async Task SendMessage_TooLongForSmallModel_GoesToTheLargerModelAndIsAnswered()
    {
        using var cts = TestDeadline.After(TimeSpan.FromMinutes(2));
        var small = await fixture.StartAsync(fixture.CreateModel("route-small", new TinyModelSpec()), new LocalServerOptions { ContextSize = 256 }, cts.Token);
        var large = await fixture.StartAsync(fixture.CreateModel("route-large", new TinyModelSpec()), new LocalServerOptions { ContextSize = 2048 }, cts.Token);
        await using var router = OpenCodeRouter.Create(Options(("small", small), ("large", large)));
        await router.InitializeAsync(cts.Token);
        var smallModel = router.GetStatistics().Instances[0].Models.Single();

        var answer = await router.SendMessageAsync(
            new MessageRequest { Messages = [Message.User(Words(150))], Model = smallModel, MaxTokens = 4 }, cts.Token)
            .ToCompletedMessageAsync(cancellationToken: cts.Token);

        answer.Route!.Instance.ShouldBe("large");
        answer.Route.SelectedModel.ShouldBe(router.GetStatistics().Instances[1].Models.Single());
        answer.Usage!.PromptTokens.ShouldBeGreaterThan(256);
    }

    [Fact]
    public async Task SendMessage_TooLongWithDropOldest_DropsMessagesAndTheServerAcceptsIt()
    {
        using var cts = TestDeadline.After(TimeSpan.FromMinutes(2));
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 512 }, cts.Token);
        var options = Options(("only", server));
        options.Routing.ContextOverflow = "dropOldest";
        await using var router = OpenCodeRouter.Create(options);
        await router.InitializeAsync(cts.Token);
        var model = router.GetStatistics().Instances[0].Models.Single();
        Message[] conversation = [Message.System("Be brief."), Message.User(Words(120)), Message.Assistant(Words(120)), Message.User(Words(60))];

        var answer = await router.SendMessageAsync(new MessageRequest { Messages = conversation, Model = model, MaxTokens = 4 }, cts.Token)
            .ToCompletedMessageAsync(cancellationToken: cts.Token);

        answer.Route!.DroppedMessages.ShouldBeGreaterThan(0);
        answer.FinishReason.ShouldBe(FinishReason.Length);
        answer.Usage!.PromptTokens.ShouldBeLessThanOrEqualTo(512);
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"word{i % 10}"));

    private static OpenCodeOptions Options(params (string Name, LocalLlamaServer Server)[] servers)
    {
        var options = new OpenCodeOptions();
        foreach (var (name, server) in servers)
        {
            options.Instances.Add(new InstanceOptions { Name = name, ApiEndpoint = server.BaseAddress.ToString() });
        }

        return options;
    }
}
