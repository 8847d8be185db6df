using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.ChatClient;

/// <summary>
/// Structured output against a real llama-server started with <c>--no-jinja</c>, the chat path on which this build serves
/// <c>response_format</c> (FACTS.md): the grammar makes even a random model's answer valid JSON for the schema.
/// </summary>
public sealed class StructuredOutputTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GetResponseAsyncOfT_RealServerNoJinja_ReturnsAnObjectOfTheSchema()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(
            new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, Options = new LocalServerOptions { ContextSize = 1024 }, AdditionalArguments = ["--no-jinja"] }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        using var chat = provider.AsIChatClient();

        var response = await chat.GetResponseAsync<Flag>("Is the sky blue?", new ChatOptions { MaxOutputTokens = 200, Temperature = 0 }, cancellationToken: cts.Token);

        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.TryGetResult(out var flag).ShouldBeTrue(response.Text);
        flag.ShouldNotBeNull();
    }

    /// <summary>The answer's shape: one boolean, so the grammar-constrained output is short.</summary>
    public sealed record Flag(bool Value);
}
