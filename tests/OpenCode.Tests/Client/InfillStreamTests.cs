using System.Text.Json;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class InfillStreamTests
{
    public static TheoryData<string, string> StopTypes => new() { { "limit", "length" }, { "eos", "stop" }, { "word", "stop" } };

    [Theory]
    [MemberData(nameof(StopTypes))]
    public async Task StreamInfill_NativeEventsWithoutDone_DeliversTextFinishReasonAndTimingsUsage(string stopType, string finishReason)
    {
        var body = ClientHarness.Events(InfillTranscript.Partial("    return"), InfillTranscript.Partial(" y"), InfillTranscript.Final(stopType, 2));
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 7)));

        var (chunks, error) = await ClientHarness.CollectAsync(
            client.StreamInfillAsync(new InfillRequest { Prefix = "def f(x):\n", Suffix = "\n" }, null, TestContext.Current.CancellationToken));

        error.ShouldBeNull();
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("    return y");
        var final = chunks[^1];
        final.IsDone.ShouldBeTrue();
        final.FinishReason!.Value.Value.ShouldBe(finishReason);
        final.Metadata.Usage.ShouldBe(new TokenUsage(14, 2, UsageSource.Timings) { CachedPromptTokens = 2 });
        chunks.Count(c => c.IsDone).ShouldBe(1);
    }

    [Fact]
    public async Task StreamInfill_Request_PostsPrefixSuffixAndExtraFilesToInfill()
    {
        var handler = ClientHarness.Streaming(() => new ScriptedStream([ClientHarness.Events(InfillTranscript.Final("eos", 0))]));
        using var client = ClientHarness.Create(handler);
        var request = new InfillRequest { Prefix = "a", Suffix = "b", ExtraFiles = [new InfillFile("util.py", "def g(): pass")], MaxTokens = 5, Seed = 1 };

        await ClientHarness.CollectAsync(client.StreamInfillAsync(request, null, TestContext.Current.CancellationToken));

        var sent = handler.Requests.Single();
        sent.Uri.AbsolutePath.ShouldBe("/infill");
        using var json = JsonDocument.Parse(sent.Body!);
        json.RootElement.GetProperty("input_prefix").GetString().ShouldBe("a");
        json.RootElement.GetProperty("input_suffix").GetString().ShouldBe("b");
        json.RootElement.GetProperty("input_extra")[0].GetProperty("filename").GetString().ShouldBe("util.py");
        json.RootElement.GetProperty("input_extra")[0].GetProperty("text").GetString().ShouldBe("def g(): pass");
        json.RootElement.GetProperty("max_tokens").GetInt32().ShouldBe(5);
        json.RootElement.GetProperty("stream").GetBoolean().ShouldBeTrue();
        json.RootElement.TryGetProperty("stream_options", out _).ShouldBeFalse();
        json.RootElement.TryGetProperty("prompt", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task StreamInfill_ModelWithoutFimTokens_Answers501_ThrowsCapabilityNotSupported()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(
            """{"error":{"code":501,"message":"Infill is not supported by this model: prefix token is missing. suffix token is missing. middle token is missing. ","type":"not_supported_error"}}""",
            System.Net.HttpStatusCode.NotImplemented)));
        using var client = ClientHarness.Create(handler);

        var (_, error) = await ClientHarness.CollectAsync(client.StreamInfillAsync(new InfillRequest { Prefix = "a" }, null, TestContext.Current.CancellationToken));

        error.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
    }

    [Fact]
    public async Task Tokenize_ServerWithoutTokenize_IsNull()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", System.Net.HttpStatusCode.NotFound)));
        using var client = ClientHarness.Create(handler);

        (await client.TokenizeAsync("<fim_prefix>", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task Tokenize_WithPieces_ReturnsEachPieceAndEmptyForByteArrays()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(
            """{"tokens":[{"id":32016,"piece":"<｜fim▁begin｜>"},{"id":185,"piece":"\n"},{"id":27,"piece":[226,150]}]}""")));
        using var client = ClientHarness.Create(handler);

        var pieces = await client.TokenizeAsync("<｜fim▁begin｜>\n", TestContext.Current.CancellationToken);

        pieces.ShouldBe(["<｜fim▁begin｜>", "\n", ""]);
        using var sent = JsonDocument.Parse(handler.Requests.Single().Body!);
        sent.RootElement.GetProperty("with_pieces").GetBoolean().ShouldBeTrue();
        sent.RootElement.GetProperty("parse_special").GetBoolean().ShouldBeTrue();
    }
}
