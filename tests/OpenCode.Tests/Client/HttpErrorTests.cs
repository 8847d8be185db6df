using System.Net;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class HttpErrorTests
{
    [Fact]
    public async Task StreamChatCompletion_401_ThrowsAuthenticationFailedWithoutTheKey()
    {
        var body = """{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body, HttpStatusCode.Unauthorized))));

        var (_, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        var ex = thrown.ShouldBeOfType<OpenCodeAuthenticationException>();
        ex.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ex.ServerErrorType.ShouldBe("authentication_error");
        ex.ErrorBody.ShouldBe(body);
        ex.Message.ShouldNotContain("sk-test-secret");
    }

    [Fact]
    public async Task CreateChatCompletion_429WithRetryAfterSeconds_CarriesRetryAfter()
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
        {
            var response = ScriptedHandler.Json("""{"error":{"message":"slow down","type":"rate_limit_error"}}""", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new(TimeSpan.FromSeconds(7));
            return Task.FromResult(response);
        }));

        var ex = await Should.ThrowAsync<OpenCodeRateLimitException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.RateLimited);
        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task CreateChatCompletion_429WithRetryAfterDate_IsRelativeToTheClock()
    {
        var time = new FakeTimeProvider();
        using var client = ClientHarness.Create(
            new ScriptedHandler((_, _, _) =>
            {
                var response = ScriptedHandler.Json("{}", HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter = new(time.GetUtcNow().AddSeconds(90));
                return Task.FromResult(response);
            }),
            time);

        var ex = await Should.ThrowAsync<OpenCodeRateLimitException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Theory]
    [InlineData("12", 12_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    public void ParseDuration_RateLimitResetForms_AreUnderstood(string text, int expectedMs)
    {
        OpenCode.Client.RetryAfterParser.ParseDuration(text).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public async Task StreamChatCompletion_ContextOverflow_ThrowsContextLengthExceededWithSizes()
    {
        var body = """{"error":{"code":400,"message":"request (600 tokens) exceeds the available context size (256 tokens)","type":"exceed_context_size_error","n_prompt_tokens":600,"n_ctx":256}}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body, HttpStatusCode.BadRequest))));

        var (_, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        var ex = thrown.ShouldBeOfType<OpenCodeContextLengthException>();
        ex.Code.ShouldBe(OpenCodeErrorCodes.ContextLengthExceeded);
        ex.PromptTokens.ShouldBe(600);
        ex.ContextWindow.ShouldBe(256);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":{"code":500,"message":"boom","type":"server_error"}}""", OpenCodeErrorCodes.ServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", OpenCodeErrorCodes.ServerError)]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"message":"model 'x' not found","type":"not_found_error","code":"model_not_found"}}""", OpenCodeErrorCodes.ModelNotFound)]
    [InlineData(HttpStatusCode.NotFound, """{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}""", OpenCodeErrorCodes.ModelNotFound)]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"message":"model \"x\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}""", OpenCodeErrorCodes.ModelNotFound)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"message":"Invalid model name passed in model=x","type":"invalid_request_error","code":"model_not_found"}}""", OpenCodeErrorCodes.ModelNotFound)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"'messages' is required","type":"invalid_request_error"}}""", OpenCodeErrorCodes.InvalidRequest)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", OpenCodeErrorCodes.ServerError)]
    public async Task CreateChatCompletion_ErrorStatus_IsClassifiedByStatusAndType(HttpStatusCode status, string body, string expectedCode)
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body, status))));

        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(expectedCode);
        ex.StatusCode.ShouldBe(status);
        ex.ErrorBody.ShouldBe(body);
    }

    [Fact]
    public async Task CreateChatCompletion_ConnectionRefused_ThrowsConnectionFailed()
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:18080)")));

        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ConnectionFailed);
        ex.Message.ShouldContain("127.0.0.1:18080");
    }

    [Fact]
    public async Task CreateChatCompletion_StalePooledConnection_IsSentAgainOnce()
    {
        var attempts = 0;
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
            }

            return Task.FromResult(ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"""));
        }));

        var result = await client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken);

        result.Content.ShouldBe("ok");
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task CreateChatCompletion_ResponseEndsTwice_FailsWithoutThirdAttempt()
    {
        var attempts = 0;
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }));

        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ConnectionFailed);
        attempts.ShouldBe(2);
    }
}
