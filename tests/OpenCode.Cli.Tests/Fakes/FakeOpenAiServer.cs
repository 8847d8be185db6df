using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

using OpenCode.Tests.Fakes;

namespace OpenCode.Cli.Tests.Fakes;

/// <summary>
/// A scripted OpenAI-compatible server on 127.0.0.1 (Kestrel), shaped like llama-server: /health, /v1/models with
/// <c>meta</c>, /props, streamed chat and plain completions. The prompt picks the script: a prompt containing
/// <c>trigger:429</c>, <c>trigger:500</c>, <c>trigger:slow</c> (one chunk, then nothing), <c>trigger:cut</c> (one chunk,
/// then the end of the response) or <c>trigger:think</c> (reasoning before the answer) gets that answer.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly FakeServerOptions _options;
    private LoopbackHost? _host;

    private FakeOpenAiServer(FakeServerOptions options) => _options = options;

    /// <summary>Gets the server's base URL, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Gets every request received: path, body and Authorization header.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Gets a count of the generation requests (chat or completion) that have arrived and not yet been waited for.</summary>
    public SemaphoreSlim GenerationArrived { get; } = new(0);

    public static async Task<FakeOpenAiServer> StartAsync(FakeServerOptions? options = null)
    {
        var server = new FakeOpenAiServer(options ?? new FakeServerOptions());
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.Url = server._host.Url;
        return server;
    }

    public JsonElement LastBody(string path)
    {
        using var document = JsonDocument.Parse(Requests.Last(r => r.Path == path).Body);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GenerationArrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        Requests.Enqueue(new RecordedRequest(request.Path, body, request.Headers.Authorization.ToString()));
        var path = request.Path.Value ?? string.Empty;
        if (path != "/health" && _options.ApiKey is { } key && request.Headers.Authorization != $"Bearer {key}")
        {
            var message = _options.EchoRejectedCredential ? $"Invalid API Key: {request.Headers.Authorization} (key {request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal)})" : "Invalid API Key";
            await Json(context, 401, "{\"error\":{\"code\":401,\"message\":" + System.Text.Json.JsonSerializer.Serialize(message) + ",\"type\":\"authentication_error\"}}");
            return;
        }

        await (path switch
        {
            "/health" when _options.Script.Down => Json(context, 503, """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"""),
            "/health" => Json(context, 200, """{"status":"ok"}"""),
            "/v1/models" or "/models" when _options.RouterStates is { } states => Json(context, 200, FakeResponses.RouterModels(states)),
            "/props" when _options.RouterStates is not null => Json(context, 200, FakeResponses.RouterProps),
            "/models/load" or "/models/unload" when _options.RouterStates is { } states => RouterAsync(context, states, path == "/models/load", body),
            "/v1/models" => Json(context, 200, FakeResponses.Models(_options.Models)),
            "/props" => Json(context, 200, FakeResponses.Props(_options.Models[0], _options.PropsContextWindow)),
            "/v1/chat/completions" or "/v1/completions" => GenerateAsync(context, path, body),
            "/v1/embeddings" => Json(context, 200, FakeResponses.Embeddings(body)),
            "/tokenize" when _options.SpecialTokens is { } tokens => Json(context, 200, FakeResponses.Tokens(tokens, body)),
            "/infill" when _options.SpecialTokens is not null => InfillAsync(context),
            "/usage/stats" when _options.UsageStats is { } stats => Json(context, 200, stats),
            _ => Json(context, 404, """{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}"""),
        });
    }

    private static string? RequestedModel(string body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null;
    }

    private async Task GenerateAsync(HttpContext context, string path, string body)
    {
        GenerationArrived.Release();
        if (_options.Script.Down)
        {
            await Json(context, 500, """{"error":{"code":500,"message":"The server is down","type":"server_error"}}""");
            return;
        }

        // Like vLLM and OpenAI, a model the server does not serve is refused with 404 (llama-server would answer to any name).
        if (RequestedModel(body) is { } model && !_options.Models.Contains(model))
        {
            await Json(context, 404, "{\"error\":{\"message\":\"The model `" + model + "` does not exist.\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}");
            return;
        }

        if (_options.Script.FirstChunkDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.Script.FirstChunkDelay, context.RequestAborted);
        }

        if (body.Contains("trigger:429", StringComparison.Ordinal))
        {
            context.Response.Headers.RetryAfter = "7";
            await Json(context, 429, """{"error":{"code":429,"message":"Too many requests","type":"rate_limit_error"}}""");
            return;
        }

        if (body.Contains("trigger:500", StringComparison.Ordinal))
        {
            await Json(context, 500, """{"error":{"code":500,"message":"The model crashed","type":"server_error"}}""");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var chat = path == "/v1/chat/completions";
        if (body.Contains("trigger:slow", StringComparison.Ordinal))
        {
            await Event(context, chat ? FakeResponses.ChatDelta("partial") : FakeResponses.TextDelta("partial"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return;
        }

        if (body.Contains("trigger:cut", StringComparison.Ordinal))
        {
            // The connection ends after one chunk, with neither a finish reason nor [DONE].
            await Event(context, chat ? FakeResponses.ChatDelta("partial") : FakeResponses.TextDelta("partial"));
            return;
        }

        var script = body.Contains("trigger:think", StringComparison.Ordinal) ? FakeResponses.ReasoningChatStream()
            : chat ? FakeResponses.ChatStream()
            : FakeResponses.CompletionStream();
        foreach (var data in script)
        {
            await Event(context, data);
        }
    }

    /// <summary>As llama-server's router: an unknown model is 404; the state changes at once (the real one passes through loading/unloading).</summary>
    private static Task RouterAsync(HttpContext context, ConcurrentDictionary<string, string> states, bool load, string body)
    {
        var model = JsonDocument.Parse(body).RootElement.GetProperty("model").GetString()!;
        if (!states.ContainsKey(model))
        {
            return Json(context, 404, """{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""");
        }

        states[model] = load ? "loaded" : "unloaded";
        return Json(context, 200, """{"success":true}""");
    }

    private static async Task InfillAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var data in FakeResponses.InfillStream())
        {
            await Event(context, data);
        }
    }

    private static async Task Event(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>One request the fake server received.</summary>
internal sealed record RecordedRequest(string Path, string Body, string Authorization);
