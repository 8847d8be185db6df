using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace OpenCode.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (Kestrel) shaped like llama-server, whose chat answers follow a script:
/// each chat request takes the next scripted answer (a status with headers, or a stream cut after one chunk);
/// when the script is empty it streams a normal two-chunk answer with usage.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private LoopbackHost? _host;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private int _chatRequests;

    public string Url { get; private set; } = string.Empty;

    public int ChatRequests => Volatile.Read(ref _chatRequests);

    /// <summary>Gets the <c>model</c> of each chat request, in arrival order.</summary>
    public ConcurrentQueue<string?> ChatModels { get; } = new();

    /// <summary>Gets the JSON body of each chat request, in arrival order.</summary>
    public ConcurrentQueue<string> ChatBodies { get; } = new();

    /// <summary>Gets a signal set each time a chat request arrives (a new one after each).</summary>
    public SemaphoreSlim ChatArrived { get; } = new(0);

    public static async Task<ScriptedServer> StartAsync()
    {
        var server = new ScriptedServer();
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.Url = server._host.Url;
        return server;
    }

    /// <summary>Scripts the next chat answer as an error status with a JSON body and optional headers.</summary>
    public ScriptedServer ThenStatus(int status, string type = "server_error", params (string Name, string Value)[] headers)
    {
        _script.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"error":{"code":{{{status}}},"message":"scripted {{{status}}}","type":"{{{type}}}"}}""");
        });
        return this;
    }

    /// <summary>Scripts the next chat answer as any status, content type and body, with optional headers.</summary>
    public ScriptedServer ThenBody(int status, string contentType, string body, params (string Name, string Value)[] headers)
    {
        _script.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        return this;
    }

    /// <summary>Scripts the next chat answer as the normal two-chunk answer (to interleave with failures).</summary>
    public ScriptedServer ThenAnswer()
    {
        _script.Enqueue(WriteAnswerAsync);
        return this;
    }

    /// <summary>Scripts the next chat answer as the normal answer, sent only once <paramref name="release"/> completes (a slow request in flight).</summary>
    public ScriptedServer ThenAnswerAfter(Task release)
    {
        _script.Enqueue(async context =>
        {
            await release.WaitAsync(context.RequestAborted);
            await WriteAnswerAsync(context);
        });
        return this;
    }

    /// <summary>Scripts the next chat answer as a stream that sends one chunk and then ends without finishing.</summary>
    public ScriptedServer ThenCutAfterFirstChunk()
    {
        _script.Enqueue(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: " + Delta("partial") + "\n\n");
        });
        return this;
    }

    /// <summary>Scripts the next chat answer as tool calls: SSE deltas (each call's arguments in two pieces) or one JSON answer, as the request asked.</summary>
    public ScriptedServer ThenToolCalls(params (string Id, string Name, string Arguments)[] calls)
    {
        _script.Enqueue(async context =>
        {
            if (!(bool)context.Items["stream"]!)
            {
                var whole = string.Join(",", calls.Select(c => ToolCallJson(c.Id, c.Name, c.Arguments, index: null)));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    $$$"""{"id":"chatcmpl-t","created":1795277819,"model":"tiny-coder","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{{{whole}}}]}}],"usage":{"prompt_tokens":7,"completion_tokens":5}}""");
                return;
            }

            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < calls.Length; i++)
            {
                var (id, name, arguments) = calls[i];
                var half = arguments.Length / 2;
                await context.Response.WriteAsync("data: " + ToolDelta(ToolCallJson(id, name, arguments[..half], i)) + "\n\n");
                await context.Response.WriteAsync("data: " + ToolDelta($$$"""{"index":{{{i}}},"function":{"arguments":{{{System.Text.Json.JsonSerializer.Serialize(arguments[half..])}}}}}""") + "\n\n");
            }

            await context.Response.WriteAsync(
                """data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"model":"tiny-coder"}""" + "\n\n" +
                """data: {"choices":[],"model":"tiny-coder","usage":{"prompt_tokens":7,"completion_tokens":5,"total_tokens":12}}""" + "\n\n" +
                "data: [DONE]\n\n");
        });
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        ChatArrived.Dispose();
    }

    private static string ToolCallJson(string id, string name, string arguments, int? index) =>
        "{" + (index is { } i ? $"\"index\":{i}," : string.Empty)
        + $$$"""
            "id":"{{{id}}}","type":"function","function":{"name":"{{{name}}}","arguments":{{{System.Text.Json.JsonSerializer.Serialize(arguments)}}}}}
            """;

    private static string ToolDelta(string call) =>
        $$$"""{"choices":[{"index":0,"delta":{"tool_calls":[{{{call}}}]},"finish_reason":null}],"model":"tiny-coder","object":"chat.completion.chunk"}""";

    private static string Delta(string content) =>
        $$"""{"choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}],"model":"tiny-coder","id":"chatcmpl-s","created":1795277819,"object":"chat.completion.chunk"}""";

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/health":
                await context.Response.WriteAsync("""{"status":"ok"}""");
                return;
            case "/v1/models":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"object":"list","data":[{"id":"tiny-coder","object":"model","owned_by":"llamacpp","meta":{"n_ctx_train":4096}}]}""");
                return;
            case "/props":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"default_generation_settings":{"n_ctx":4096},"total_slots":1,"model_path":"/m/tiny.gguf","chat_template":"{{ messages }}","modalities":{"vision":false}}""");
                return;
            case "/v1/chat/completions":
                Interlocked.Increment(ref _chatRequests);
                using (var reader = new StreamReader(context.Request.Body))
                {
                    var text = await reader.ReadToEndAsync();
                    ChatBodies.Enqueue(text);
                    using var body = System.Text.Json.JsonDocument.Parse(text);
                    ChatModels.Enqueue(body.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null);
                    context.Items["stream"] = !body.RootElement.TryGetProperty("stream", out var stream) || stream.ValueKind != System.Text.Json.JsonValueKind.False;
                }

                ChatArrived.Release();
                if (_script.TryDequeue(out var scripted))
                {
                    await scripted(context);
                    return;
                }

                if (!(bool)context.Items["stream"]!)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(
                        """{"id":"chatcmpl-w","created":1795277819,"model":"tiny-coder","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hello world"}}],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""");
                    return;
                }

                await WriteAnswerAsync(context);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private static async Task WriteAnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(
            "data: " + Delta("hello") + "\n\n" +
            "data: " + Delta(" world") + "\n\n" +
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"model":"tiny-coder"}""" + "\n\n" +
            """data: {"choices":[],"model":"tiny-coder","usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""" + "\n\n" +
            "data: [DONE]\n\n");
    }
}
