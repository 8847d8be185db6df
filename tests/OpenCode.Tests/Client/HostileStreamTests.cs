using System.Net;
using System.Text;
using OpenCode.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

/// <summary>Streams from a broken or hostile server: each failure is typed and visible, never reported as success.</summary>
public sealed class HostileStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(List<MessageChunk> Chunks, Exception? Error)> StreamAsync(byte[] body, int split = 7, Func<OpenCodeClientOptions, OpenCodeClientOptions>? configure = null)
    {
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, split)), configure: configure);
        return await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));
    }

    [Fact]
    public async Task StreamChatCompletion_VllmErrorObjectThenDone_ThrowsTheRefusalItNames()
    {
        var error = """{"object":"error","message":"This model's maximum context length is 4096 tokens","type":"BadRequestError","param":null,"code":400}""";

        var (chunks, thrown) = await StreamAsync(ClientHarness.Events(error, "[DONE]"));

        chunks.ShouldBeEmpty();
        var ex = thrown.ShouldBeOfType<OpenCodeException>();
        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.IsTransient.ShouldBeFalse();
        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        ex.ServerErrorType.ShouldBe("BadRequestError");
        ex.Message.ShouldContain("maximum context length is 4096");
        ex.Message.ShouldContain("answered 200 with a 400");
        ex.ErrorBody.ShouldBe(error);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Invalid API Key","type":"authentication_error"}}""", typeof(OpenCodeAuthenticationException), OpenCodeErrorCodes.AuthenticationFailed)]
    [InlineData("""{"error":{"code":429,"message":"slow down","type":"rate_limit_error"}}""", typeof(OpenCodeRateLimitException), OpenCodeErrorCodes.RateLimited)]
    [InlineData("""{"error":{"code":"model_not_found","message":"no such model","type":"invalid_request_error"}}""", typeof(OpenCodeException), OpenCodeErrorCodes.ModelNotFound)]
    [InlineData("""{"error":{"code":500,"message":"boom","type":"server_error"}}""", typeof(OpenCodeStreamInterruptedException), OpenCodeErrorCodes.StreamInterrupted)]
    [InlineData("""{"error":{"message":"something"}}""", typeof(OpenCodeStreamInterruptedException), OpenCodeErrorCodes.StreamInterrupted)]
    public async Task StreamChatCompletion_ErrorEventBeforeAnyChunk_ClassifiedByTheStatusItNames(string error, Type type, string code)
    {
        var (chunks, thrown) = await StreamAsync(ClientHarness.Events(error));

        chunks.ShouldBeEmpty();
        thrown.ShouldBeOfType(type);
        ((OpenCodeException)thrown!).Code.ShouldBe(code);
    }

    [Fact]
    public async Task StreamChatCompletion_RefusalAfterChunks_StreamInterruptedKeepingWhatWasDelivered()
    {
        var error = """{"error":{"code":400,"message":"bad","type":"invalid_request_error"}}""";

        var (chunks, thrown) = await StreamAsync(ClientHarness.Events(ClientHarness.Delta("one"), error));

        chunks.Select(c => c.Content).ShouldBe(["one"]);
        thrown.ShouldBeOfType<OpenCodeStreamInterruptedException>().ChunksDelivered.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChatCompletion_OnlyDone_ThrowsEmptyResponse()
    {
        var (chunks, thrown) = await StreamAsync(ClientHarness.Events("[DONE]"));

        chunks.ShouldBeEmpty();
        thrown.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.EmptyResponse);
    }

    [Fact]
    public async Task StreamChatCompletion_TokensAndDoneWithoutFinishReason_ReportsUnreportedAndWarns()
    {
        using var logs = new CapturingLoggerProvider();
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Delta("b"), "[DONE]");
        using var client = new OpenCodeClient(
            new OpenCodeClientOptions { Endpoint = ClientHarness.Endpoint },
            new HttpClient(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 5))) { Timeout = Timeout.InfiniteTimeSpan },
            logger: logs.CreateLogger("OpenCode.Client"));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        thrown.ShouldBeNull();
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("ab");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Unreported);
        chunks[^1].FinishReason!.Value.Value.ShouldBe("unreported");
        logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("without a finish reason", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamChatCompletion_ErrorNullOnEveryChunk_IsNotAnError()
    {
        var chunk = """{"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":null}],"error":null,"model":"tiny"}""";
        var finish = """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"error":null}""";

        var (chunks, thrown) = await StreamAsync(ClientHarness.Events(chunk, finish, "[DONE]"));

        thrown.ShouldBeNull();
        chunks[0].Content.ShouldBe("ok");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
    }

    [Fact]
    public async Task StreamChatCompletion_InvalidUtf8InsideAChunk_ThrowsInvalidResponseAfterKeepingDeliveredText()
    {
        var head = ClientHarness.Events(ClientHarness.Delta("kept"));
        var bad = Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\"}}]}\n\n"))
            .ToArray();

        var (chunks, thrown) = await StreamAsync([.. head, .. bad]);

        chunks.Single().Content.ShouldBe("kept");
        var ex = thrown.ShouldBeOfType<OpenCodeInvalidResponseException>();
        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidResponse);
        ex.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public async Task StreamChatCompletion_InvalidUtf8AfterTheTokenCacheWarmedUp_ThrowsInvalidResponse()
    {
        var deltas = Enumerable.Range(0, 100).Select(i => ClientHarness.Delta("t")).ToArray();
        var bad = Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
            .Concat(new byte[] { 0x80 })
            .Concat(Encoding.UTF8.GetBytes("\"}}]}\n\n"))
            .ToArray();

        var (chunks, thrown) = await StreamAsync([.. ClientHarness.Events(deltas), .. bad], split: 4096);

        chunks.Count.ShouldBe(100);
        thrown.ShouldBeOfType<OpenCodeInvalidResponseException>();
    }

    [Fact]
    public async Task StreamChatCompletion_LineLongerThanMaxEventSize_ThrowsInvalidResponse()
    {
        var huge = Encoding.UTF8.GetBytes("data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('a', 200_000));

        var (chunks, thrown) = await StreamAsync(huge, split: 8192, configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, MaxEventSize = 64 * 1024 });

        chunks.ShouldBeEmpty();
        thrown.ShouldBeOfType<OpenCodeInvalidResponseException>().Message.ShouldContain("maxEventSize");
    }

    [Fact]
    public async Task StreamChatCompletion_ManyDataLinesInOneEventPastTheLimit_ThrowsInvalidResponse()
    {
        var lines = string.Concat(Enumerable.Repeat("data: " + new string('b', 1000) + "\r\n", 100));

        var (_, thrown) = await StreamAsync(Encoding.UTF8.GetBytes(lines), split: 333, configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, MaxEventSize = 32 * 1024 });

        thrown.ShouldBeOfType<OpenCodeInvalidResponseException>();
    }

    [Fact]
    public async Task StreamChatCompletion_EventsUnderTheLimitWithCrLf_AreReadWhole()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("data: " + ClientHarness.Delta(new string('c', 900)) + "\r\n\r\n", 50)) + "data: " + ClientHarness.Finish("stop") + "\r\n\r\ndata: [DONE]\r\n\r\n");

        var (chunks, thrown) = await StreamAsync(body, split: 97, configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, MaxEventSize = 2048 });

        thrown.ShouldBeNull();
        chunks.Count.ShouldBe(51);
    }

    [Fact]
    public async Task StreamChatCompletion_JsonAnswerToAStreamedRequest_IsUsedAsTheResult()
    {
        var json = """{"choices":[{"index":0,"message":{"role":"assistant","content":"def f(): pass"},"finish_reason":"length"}],"model":"m1","usage":{"prompt_tokens":5,"completion_tokens":6}}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(json))));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m1", Ct));

        thrown.ShouldBeNull();
        chunks.Count.ShouldBe(2);
        chunks[0].Content.ShouldBe("def f(): pass");
        chunks[1].IsDone.ShouldBeTrue();
        chunks[1].FinishReason.ShouldBe(FinishReason.Length);
        chunks[1].Metadata.Usage!.CompletionTokens.ShouldBe(6);
        chunks[1].Metadata.Model.ShouldBe("m1");
    }

    [Fact]
    public async Task StreamChatCompletion_HtmlPortalPageWith200_ThrowsInvalidResponseNamingTheContentType()
    {
        var html = "<html><head><title>Wi-Fi login</title><style>p{}</style></head><body><p>Accept the terms</p></body></html>";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(html, Encoding.UTF8, "text/html") })));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m1", Ct));

        chunks.ShouldBeEmpty();
        var ex = thrown.ShouldBeOfType<OpenCodeInvalidResponseException>();
        ex.Message.ShouldContain("text/html");
        ex.ErrorBody.ShouldBe("a text/html body: \"Wi-Fi login\"");
        ex.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task CreateChatCompletion_502WithHtmlBody_SummarisesTheBodyInOneShortLine()
    {
        var html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center>"
            + new string(' ', 400) + "</body></html>";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(html, Encoding.UTF8, "text/html") })));

        var ex = await Should.ThrowAsync<OpenCodeException>(client.CreateChatCompletionAsync(ClientHarness.Chat(), "m1", Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ServerError);
        ex.Message.ShouldContain("a text/html body: \"502 Bad Gateway\"");
        ex.Message.ShouldNotContain("<");
        ex.Message.Length.ShouldBeLessThan(250);
        ex.ErrorBody.ShouldBe(html);
    }

    [Fact]
    public void BodySummary_HtmlWithoutTitle_StripsMarkupAndCapsLength()
    {
        var html = "<html><script>var x = '<b>';</script><body><h1>Service   Unavailable</h1><p>" + new string('z', 500) + "</p></body></html>";

        var summary = BodySummary.Summarize(html, "text/html");

        summary.ShouldStartWith("a text/html body: \"Service Unavailable zzz");
        summary.ShouldNotContain("var x");
        summary.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public async Task CreateChatCompletion_NoFinishReasonAndNoText_ThrowsEmptyResponse()
    {
        var json = """{"choices":[{"index":0,"message":{"role":"assistant","content":""}}],"model":"m1"}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(json))));

        var ex = await Should.ThrowAsync<OpenCodeException>(client.CreateChatCompletionAsync(ClientHarness.Chat(), "m1", Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.EmptyResponse);
    }

    [Fact]
    public async Task CreateChatCompletion_VllmErrorObject_ThrowsTheServersError()
    {
        var json = """{"object":"error","message":"boom","type":"InternalServerError","code":500}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(json))));

        var ex = await Should.ThrowAsync<OpenCodeException>(client.CreateChatCompletionAsync(ClientHarness.Chat(), "m1", Ct));

        ex.ServerErrorType.ShouldBe("InternalServerError");
        ex.Message.ShouldContain("boom");
    }
}
