using OpenCode.Configuration;
using OpenCode.Pipeline;
using OpenCode.Profiles;

namespace OpenCode.Tests.Pipeline;

public sealed class ModelProfileStageTests
{
    private static readonly EndpointContext Endpoint = new("local", new Uri("http://127.0.0.1:8080/"), "llama.cpp", "qwen2.5-coder-7b", null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_ProfileOfThePrefix_AddsSystemPromptDefaultsAndStopsTheRequestLeftUnset()
    {
        var terminal = new ScriptedStage(["x"]);
        var profile = new ModelProfileOptions { Model = "qwen2.5-coder*", SystemPrompt = "You write C#.", Temperature = 0.2f, MaxTokens = 64, Stop = ["\n\n\n"] };
        var stage = new ModelProfileStage(terminal, [profile], Endpoint);
        var request = ScriptedStage.Chat(null, Message.User("reverse a string")) with
        {
            Request = new MessageRequest { Messages = [Message.User("reverse a string")], MaxTokens = 8, Stop = ["END"] },
        };

        await stage.GenerateAsync(request, Ct).ToListAsync(Ct);

        var sent = terminal.Requests.Single().Request;
        sent.Messages.Select(m => (m.Role, m.Content)).ShouldBe([(MessageRole.System, "You write C#."), (MessageRole.User, "reverse a string")]);
        (sent.Temperature, sent.MaxTokens).ShouldBe((0.2f, 8), "the request's own max tokens win over the profile's");
        sent.Stop.ShouldBe(["END", "\n\n\n"]);
    }

    [Fact]
    public async Task Generate_ConversationWithItsOwnSystemPrompt_KeepsIt()
    {
        var terminal = new ScriptedStage(["x"]);
        var stage = new ModelProfileStage(terminal, [new ModelProfileOptions { Model = "qwen2.5-coder-7b", SystemPrompt = "profile" }], Endpoint);

        await stage.GenerateAsync(ScriptedStage.Chat(null, Message.System("mine"), Message.User("hi")), Ct).ToListAsync(Ct);

        terminal.Requests.Single().Request.Messages.Count(m => m.Role == MessageRole.System).ShouldBe(1);
        terminal.Requests.Single().Request.Messages[0].Content.ShouldBe("mine");
    }

    [Theory]
    [InlineData(new[] { "def f", "():\n", "    pass" }, "```\ndef f():\n    pass\n```")]
    [InlineData(new[] { "``", "`py\nx = 1\n```" }, "```py\nx = 1\n```")]
    [InlineData(new[] { "\n", "x" }, "```\nx\n```")]
    public async Task Generate_FenceCode_WrapsOnlyABareCodeAnswerAsItStreams(string[] chunks, string expected)
    {
        var stage = new ModelProfileStage(new ScriptedStage(chunks), [new ModelProfileOptions { Model = "qwen2.5-coder-7b", PostProcessor = "fence-code" }], Endpoint);

        var answer = await stage.GenerateAsync(ScriptedStage.Chat(null, Message.User("hi")), Ct).Select(c => c.Content).ToListAsync(Ct);

        string.Concat(answer).ShouldBe(expected);
    }

    [Fact]
    public async Task Generate_Trim_DropsLeadingAndTrailingBlankSpaceButKeepsInnerSpace()
    {
        var stage = new ModelProfileStage(new ScriptedStage(["\n  ", "a ", " ", "b", "  \n"]), [new ModelProfileOptions { Model = "*", PostProcessor = "trim" }], Endpoint);

        var answer = await stage.GenerateAsync(ScriptedStage.Chat(null, Message.User("hi")), Ct).Select(c => c.Content).ToListAsync(Ct);

        string.Concat(answer).ShouldBe("a  b");
    }

    [Fact]
    public async Task Generate_NoProfileForTheModel_SendsTheRequestUnchanged()
    {
        var terminal = new ScriptedStage(["x"]);
        var stage = new ModelProfileStage(terminal, [new ModelProfileOptions { Model = "codellama*", SystemPrompt = "s" }], Endpoint);
        var request = ScriptedStage.Chat(null, Message.User("hi"));

        await stage.GenerateAsync(request, Ct).ToListAsync(Ct);

        terminal.Requests.Single().ShouldBeSameAs(request);
    }

    [Fact]
    public void Validate_BadProfile_NamesTheSetting()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:1", Profiles = { new ModelProfileOptions { Model = "", PostProcessor = "shout", Temperature = 3 } } };

        var errors = OpenCodeOptionsValidator.GetErrors(options);

        errors.ShouldContain(e => e.StartsWith("profiles[0].model", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("profiles[0].postProcessor", StringComparison.Ordinal) && e.Contains("fence-code", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("profiles[0].temperature", StringComparison.Ordinal));
    }
}
