using System.Net;
using System.Net.Http.Json;
using OpenCode.Configuration;
using OpenCode.Local.TinyModels;

namespace OpenCode.IntegrationTests.Local;

public sealed class TinyModelServingTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Vocabularies => ["built-in", "built-in-no-fim", "built-in-codellama-fim", "deepseek-coder", "starcoder", "qwen2", "llama-spm"];

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public async Task StreamChat_EachVocabulary_RunsToMaxTokensWithAsciiOnly(string vocabulary)
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();
        string model = fixture.CreateModel("serve-" + vocabulary, SpecFor(vocabulary));
        await using var server = await fixture.StartAsync(model, new LocalServerOptions { ContextSize = 1024 }, cts.Token);

        var stream = await RawChatClient.StreamChatAsync(
            http, server.BaseAddress, "Write hello world in C#.", 48, cts.Token, new { temperature = 1.5, top_k = 0, top_p = 1.0, min_p = 0.0 });
        var props = await RawChatClient.GetJsonAsync(http, server.BaseAddress, "props", cts.Token);

        stream.Error.ShouldBeNull();
        stream.SawDone.ShouldBeTrue();
        stream.FinishReason.ShouldBe("length");
        stream.ContentChunks.ShouldBe(48);
        stream.Content.ShouldAllBe(c => c >= ' ' && c <= '~');
        props.GetProperty("default_generation_settings").GetProperty("n_ctx").GetInt32().ShouldBe(1024);
    }

    [Fact]
    public async Task StreamChat_AllowAnyToken_StopsEarlyOrEmitsNonAscii()
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();
        string model = fixture.CreateModel("serve-any-token", new TinyModelSpec { AllowAnyToken = true, Seed = 1 });
        await using var server = await fixture.StartAsync(model, cancellationToken: cts.Token);

        var streams = new List<RawChatStream>();
        for (int seed = 1; seed <= 5; seed++)
        {
            streams.Add(await RawChatClient.StreamChatAsync(http, server.BaseAddress, "hello", 300, cts.Token, new { seed, temperature = 1.0 }));
        }

        streams.ShouldContain(s => s.FinishReason != "length" || s.Error != null || s.Content.Any(c => c > '~'));
    }

    [Theory]
    [InlineData("built-in", HttpStatusCode.OK)]
    [InlineData("built-in-no-fim", HttpStatusCode.NotImplemented)]
    public async Task Infill_FimTokensPresentOrNot_ServerAcceptsOrRefuses(string vocabulary, HttpStatusCode expected)
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();
        string model = fixture.CreateModel("serve-" + vocabulary, SpecFor(vocabulary));
        await using var server = await fixture.StartAsync(model, cancellationToken: cts.Token);

        using var response = await http.PostAsJsonAsync(
            new Uri(server.BaseAddress, "infill"), new { input_prefix = "int add(int a, int b) {", input_suffix = "}", n_predict = 8 }, cts.Token);

        response.StatusCode.ShouldBe(expected);
    }

    private static TinyModelSpec SpecFor(string vocabulary) => vocabulary switch
    {
        "built-in" => new TinyModelSpec(),
        "built-in-no-fim" => new TinyModelSpec { Vocabulary = VocabularySource.BuiltIn(FimTokenStyle.None) },
        "built-in-codellama-fim" => new TinyModelSpec { Vocabulary = VocabularySource.BuiltIn(FimTokenStyle.CodeLlama) },
        _ => new TinyModelSpec
        {
            // Real vocabularies are big (qwen2: ~150k tokens): a narrow model keeps the file at a few MB.
            EmbeddingLength = vocabulary == "qwen2" ? 16 : 32,
            HeadCount = 2,
            Vocabulary = LlamaServerFixture.RequireVocabulary(vocabulary),
        },
    };
}
