using OpenCode.Configuration;
using static OpenCode.Tests.Routing.RouterHarness;

namespace OpenCode.Tests.Routing;

public sealed class SelectionAndContextTests
{
    private static readonly Action<OpenCodeOptions> Rules = o =>
    {
        o.Routing.Selection.Rules.Add(new SelectionRuleOptions { Task = "code", Priority = "quality", Model = "big" });
        o.Routing.Selection.Rules.Add(new SelectionRuleOptions { Task = "code", Model = "small" });
        o.Routing.Selection.Rules.Add(new SelectionRuleOptions { Task = "creative", Model = "small", Temperature = 1.2f });
    };

    [Theory]
    [InlineData(ModelTask.Code, SelectionPriority.Quality, "big", 0.2f)]
    [InlineData(ModelTask.Code, SelectionPriority.Speed, "small", 0.2f)]
    [InlineData(ModelTask.Creative, SelectionPriority.Balanced, "small", 1.2f)]
    [InlineData(ModelTask.Analysis, SelectionPriority.Balanced, "small", 0.3f)]
    public async Task SendMessageAsync_TaskSelection_PicksRuleModelAndTaskTemperature(ModelTask task, SelectionPriority priority, string model, float temperature)
    {
        var big = new FakeInstance("big", "big");
        var small = new FakeInstance("small", "small");
        await using var router = Create([big, small], configure: o =>
        {
            Rules(o);
            o.Models.DefaultModel = "small";
        });

        var chunks = await router.CollectAsync(new MessageRequest { Messages = [Message.User("x")], Selection = new ModelSelection(task, priority) });

        var sent = big.Requests.Concat(small.Requests).Single();
        sent.Model.ShouldBe(model);
        sent.Temperature.ShouldBe(temperature);
        chunks[^1].Metadata.Route!.SelectedModel.ShouldBe(task == ModelTask.Analysis ? null : model);
    }

    [Fact]
    public async Task ChatClient_SelectionInAdditionalProperties_ReachesTheRouterAndIsNotSentAsParameter()
    {
        var big = new FakeInstance("big", "big");
        await using var router = Create([big, new FakeInstance("small", "small")], configure: Rules);
        var options = new Microsoft.Extensions.AI.ChatOptions
        {
            AdditionalProperties = new() { [ModelSelection.ChatOptionsKey] = new ModelSelection(ModelTask.Code, SelectionPriority.Quality) },
        };

        await router.AsChatClient().GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "x")], options, TestContext.Current.CancellationToken);

        big.Requests.Single().ShouldSatisfyAllConditions(r => r.Model.ShouldBe("big"), r => r.AdditionalParameters.ShouldBeNull());
    }

    [Fact]
    public async Task SendMessageAsync_TaskAndExplicitTemperatureAndModel_KeepsWhatTheCallerSet()
    {
        var big = new FakeInstance("big", "big");
        await using var router = Create([big, new FakeInstance("small", "small")], configure: Rules);

        await router.CollectAsync(new MessageRequest { Messages = [Message.User("x")], Model = "big", Temperature = 0.5f, Selection = new ModelSelection(ModelTask.Code) });

        big.Requests.Single().ShouldSatisfyAllConditions(r => r.Model.ShouldBe("big"), r => r.Temperature.ShouldBe(0.5f));
    }

    [Fact]
    public async Task SendMessageAsync_TooLongForModelWithLargerModel_SwitchesToTheSmallestThatFits()
    {
        var small = new FakeInstance("s", "small") { ContextWindow = 64, TokensPerChar = 1 };
        var medium = new FakeInstance("m", "medium") { ContextWindow = 256, TokensPerChar = 1 };
        var large = new FakeInstance("l", "large") { ContextWindow = 4096, TokensPerChar = 1 };
        await using var router = Create([small, medium, large]);

        var chunks = await router.CollectAsync(new MessageRequest { Messages = [Message.User(new string('x', 100))], Model = "small", MaxTokens = 50 });

        chunks[^1].Metadata.Route!.ShouldSatisfyAllConditions(r => r.Instance.ShouldBe("m"), r => r.SelectedModel.ShouldBe("medium"));
        small.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessageAsync_TooLongWithDropOldest_DropsOldestNonSystemMessagesOnly()
    {
        var small = new FakeInstance("s", "small") { ContextWindow = 100, TokensPerChar = 1 };
        await using var router = Create([small], configure: o => o.Routing.ContextOverflow = "dropOldest");
        Message[] conversation = [Message.System("sys"), Message.User(new string('a', 40)), Message.Assistant(new string('b', 40)), Message.User("last")];

        var chunks = await router.CollectAsync(new MessageRequest { Messages = conversation, Model = "small", MaxTokens = 20 });

        small.Requests.Single().Messages.ShouldBe([conversation[0], conversation[2], conversation[3]]);
        chunks[^1].Metadata.Route!.DroppedMessages.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessageAsync_TooLongWithError_ThrowsContextLengthWithoutSending()
    {
        var small = new FakeInstance("s", "small") { ContextWindow = 64, TokensPerChar = 1 };
        await using var router = Create([small], configure: o => o.Routing.ContextOverflow = "error");

        var error = await Should.ThrowAsync<OpenCodeContextLengthException>(
            () => router.CollectAsync(new MessageRequest { Messages = [Message.User(new string('x', 70))], Model = "small" }));

        error.ContextWindow.ShouldBe(64);
        error.PromptTokens.ShouldBe(78);
        small.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessageAsync_ShortRequest_IsNotTokenized()
    {
        var small = new FakeInstance("s", "small") { ContextWindow = 64, TokensPerChar = 100 };
        await using var router = Create([small], configure: o => o.Routing.ContextOverflow = "error");

        // 100 tokens per character would not fit, so a sent request shows the byte bound skipped the tokenizer.
        await router.CollectAsync(new MessageRequest { Messages = [Message.User("hi")], Model = "small", MaxTokens = 10 });

        small.Sent.ShouldBe(1);
    }
}
