using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenCode.Configuration;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// Behaviour checks of the provider's streaming path on small hand-written streams (run with <c>check</c>): text, [DONE], a finish
/// without [DONE], a cut stream, an error event, keep-alives, think tags, early break and cancellation.
/// </summary>
internal static class StreamChecks
{
    private const string Head = """{"choices":[{"finish_reason":null,"index":0,"delta":{"content":""";

    public static async Task<int> RunAsync()
    {
        var failures = 0;
        async Task Check(string name, Func<Task> body)
        {
            try
            {
                await body();
                Console.WriteLine($"ok   {name}");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL {name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        await Check("text, finish, usage, [DONE]", async () =>
        {
            var chunks = await CollectAsync(Token("Hel") + Token("lo") + Finish("stop") + Usage(3, 2) + "data: [DONE]\n\n");
            Expect(chunks.Count == 3, $"3 chunks, got {chunks.Count}");
            Expect(chunks[0].Content == "Hel" && chunks[1].Content == "lo", "the texts");
            Expect(chunks[2] is { IsDone: true, FinishReason.Value: "stop", Metadata.Usage: { PromptTokens: 3, CompletionTokens: 2, Source: UsageSource.Reported } }, "final chunk");
            Expect(chunks[0].Metadata.Model == "m", "model");
        });

        await Check("finish without [DONE] still ends well", async () =>
        {
            var chunks = await CollectAsync(Token("a") + Finish("length"));
            Expect(chunks.Count == 2 && chunks[1] is { IsDone: true, FinishReason.Value: "length" }, "final chunk from the finish reason");
            Expect(chunks[1].Metadata.Usage is { Source: UsageSource.Counted, CompletionTokens: 1 }, "counted usage");
        });

        await Check("cut stream throws OpenCodeStreamInterruptedException after the delivered chunks", async () =>
        {
            var seen = new List<MessageChunk>();
            var ex = await CatchAsync(() => CollectAsync(Token("a") + Token("b"), seen));
            Expect(ex is OpenCodeStreamInterruptedException { ChunksDelivered: 2 }, $"interrupted after 2, got {ex}");
            Expect(seen.Count == 2, "two chunks first");
        });

        await Check("error event throws the classified error", async () =>
        {
            var ex = await CatchAsync(() => CollectAsync(Token("a") + """data: {"error":{"code":500,"message":"boom","type":"server_error"}}""" + "\n\n"));
            Expect(ex is OpenCodeException, $"an OpenCodeException, got {ex?.GetType().Name}: {ex?.Message}");
        });

        await Check("keep-alive comments and empty events are skipped", async () =>
        {
            var chunks = await CollectAsync(": ping\n\n" + Token("x") + "data: \n\n" + Token("y") + "data: [DONE]\n\n");
            Expect(chunks.Count == 3 && chunks[0].Content == "x" && chunks[1].Content == "y" && chunks[2].IsDone, "x, y, done");
        });

        await Check("think block goes to reasoning", async () =>
        {
            var chunks = await CollectAsync(Token("<think>") + Token("hmm") + Token("</think>") + Token("answer") + "data: [DONE]\n\n");
            var content = string.Concat(chunks.Select(c => c.Content));
            var reasoning = string.Concat(chunks.Select(c => c.ReasoningContent));
            Expect(content == "answer" && reasoning == "hmm", $"content '{content}', reasoning '{reasoning}'");
        });

        await Check("escaped and non-ASCII tokens", async () =>
        {
            var chunks = await CollectAsync(Token("\\u0041\\n") + Token("é") + Token("a\\\"b") + Token("0123456789abcdefXYZ") + "data: [DONE]\n\n");
            Expect(string.Concat(chunks.Select(c => c.Content)) == "A\néa\"b0123456789abcdefXYZ", "decoded text");
        });

        await Check("long stream: cached tokens keep their exact text", async () =>
        {
            // Past the first 64 tokens short ASCII tokens come from the parser's cache; mix lengths, near-collisions and escapes.
            string[] tokens = ["x", "ab", "ba", "abc", " ab", "ab ", "0123456789abcdef", "0123456789abcdeg", "\\u0041\\n", "é", "a\\\"b", "{", "}", "  "];
            string[] texts = ["x", "ab", "ba", "abc", " ab", "ab ", "0123456789abcdef", "0123456789abcdeg", "A\n", "é", "a\"b", "{", "}", "  "];
            var sse = new StringBuilder();
            var expected = new StringBuilder();
            for (var i = 0; i < 600; i++)
            {
                sse.Append(Token(tokens[(i * 7) % tokens.Length]));
                expected.Append(texts[(i * 7) % texts.Length]);
            }

            var chunks = await CollectAsync(sse + "data: [DONE]\n\n");
            Expect(string.Concat(chunks.Select(c => c.Content)) == expected.ToString(), "the same text through the cache");
            Expect(chunks.Count == 601, $"601 chunks, got {chunks.Count}");
        });

        await Check("breaking out early disposes the stream", async () =>
        {
            var tracker = new TrackingHandler(Token("a") + Token("b") + "data: [DONE]\n\n");
            await using var provider = await ProviderAsync(tracker);
            await foreach (var chunk in provider.SendMessageAsync(Request()))
            {
                break;
            }

            Expect(tracker.Disposed, "response stream disposed");
        });

        await Check("cancellation through WithCancellation", async () =>
        {
            using var cts = new CancellationTokenSource();
            var ex = await CatchAsync(async () =>
            {
                var many = string.Concat(Enumerable.Repeat(Token("a"), 200));
                await using var provider = await ProviderAsync(new TrackingHandler(many + "data: [DONE]\n\n"));
                await foreach (var chunk in provider.SendMessageAsync(Request()).WithCancellation(cts.Token))
                {
                    await cts.CancelAsync();
                }
            });
            Expect(ex is OperationCanceledException, $"cancelled, got {ex?.GetType().Name}");
        });

        await Check("cancellation through the call's token while WithCancellation has another", async () =>
        {
            using var call = new CancellationTokenSource();
            using var other = new CancellationTokenSource();
            var ex = await CatchAsync(async () =>
            {
                var many = string.Concat(Enumerable.Repeat(Token("a"), 200));
                await using var provider = await ProviderAsync(new TrackingHandler(many + "data: [DONE]\n\n"));
                await foreach (var chunk in provider.SendMessageAsync(Request(), call.Token).WithCancellation(other.Token))
                {
                    await call.CancelAsync();
                }
            });
            Expect(ex is OperationCanceledException, $"cancelled, got {ex?.GetType().Name}");
        });

        Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static string Token(string jsonText) =>
        "data: " + Head + "\"" + jsonText + "\"}}],\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n";

    private static string Finish(string reason) =>
        "data: {\"choices\":[{\"finish_reason\":\"" + reason + "\",\"index\":0,\"delta\":{}}],\"model\":\"m\"}\n\n";

    private static string Usage(int prompt, int completion) =>
        "data: {\"choices\":[],\"model\":\"m\",\"usage\":{\"completion_tokens\":" + completion + ",\"prompt_tokens\":" + prompt + "}}\n\n";

    private static MessageRequest Request() => new() { Messages = [Message.User("hi")] };

    private static async Task<OpenCodeProvider> ProviderAsync(HttpMessageHandler handler)
    {
        var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = ReplayHandler.Root.ToString(), Models = new ModelOptions { AutoDiscovery = false } },
            new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
        await provider.InitializeAsync();
        return provider;
    }

    private static async Task<List<MessageChunk>> CollectAsync(string sse, List<MessageChunk>? into = null)
    {
        var chunks = into ?? [];
        await using var provider = await ProviderAsync(new TrackingHandler(sse));
        await foreach (var chunk in provider.SendMessageAsync(Request()))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static async Task<Exception?> CatchAsync(Func<Task> body)
    {
        try
        {
            await body();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("expected " + what);
        }
    }

    private sealed class TrackingHandler(string sse) : HttpMessageHandler
    {
        private TrackingStream? _stream;

        public bool Disposed => _stream?.Disposed ?? false;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath != "/v1/chat/completions")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
            }

            _stream = new TrackingStream(Encoding.UTF8.GetBytes(sse));
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(_stream) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(response);
        }
    }

    private sealed class TrackingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
