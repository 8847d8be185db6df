using System.Net;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Provider;

/// <summary>A scripted server shaped like llama-server: /v1/models with meta, /props, chat and plain completions.</summary>
internal sealed class FakeLlamaServer
{
    public FakeLlamaServer(string chatTemplate = "{% for m in messages %}{{ m.content }}{% endfor %}", int contextWindow = 8192, params string[] models)
    {
        Models = models.Length == 0 ? ["tiny-coder"] : models;
        Handler = new ScriptedHandler((request, body, _) => Task.FromResult(Respond(request, body, chatTemplate, contextWindow)));
    }

    public string[] Models { get; }

    /// <summary>Gets the special tokens <c>/tokenize</c> reports as one token each; <see langword="null"/>: no <c>/tokenize</c> (404).</summary>
    public IReadOnlySet<string>? SpecialTokens { get; init; }

    public ScriptedHandler Handler { get; }

    /// <summary>Gets the 404 body a generation for a model not in <see cref="Models"/> gets; <see langword="null"/>: any name is served, as by llama-server.</summary>
    public string? UnknownModelAnswer { get; init; }

    public IEnumerable<string> Paths => Handler.Requests.Select(r => r.Uri.AbsolutePath);

    public OpenCodeProvider CreateProvider(Action<OpenCodeOptions>? configure = null)
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18081" };
        configure?.Invoke(options);
        return new OpenCodeProvider(options, new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan });
    }

    private HttpResponseMessage Respond(HttpRequestMessage request, string? body, string chatTemplate, int contextWindow)
    {
        var data = string.Join(",", Models.Select(m => $$$"""{"id":"{{{m}}}","object":"model","owned_by":"llamacpp","meta":{"n_ctx_train":16384,"n_params":2100000,"n_vocab":300,"size":1000000}}"""));
        if (UnknownModelAnswer is { } refusal && body is not null && request.RequestUri!.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal)
            && RequestedModel(body) is { } model && !Models.Contains(model))
        {
            return ScriptedHandler.Json(refusal, HttpStatusCode.NotFound);
        }

        return request.RequestUri!.AbsolutePath switch
        {
            "/v1/models" => ScriptedHandler.Json($$"""{"object":"list","data":[{{data}}]}"""),
            "/props" => ScriptedHandler.Json($$$"""{"default_generation_settings":{"n_ctx":{{{contextWindow}}}},"total_slots":2,"model_path":"/m/tiny.gguf","chat_template":{{{System.Text.Json.JsonSerializer.Serialize(chatTemplate)}}}}"""),
            "/v1/chat/completions" when request.Headers.Accept.Count == 0 =>
                ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"whole answer"},"finish_reason":"stop"}],"model":"tiny-coder","usage":{"prompt_tokens":4,"completion_tokens":2}}"""),
            "/v1/chat/completions" => Sse(ClientHarness.Events(ClientHarness.Delta("chat "), ClientHarness.Delta("answer"), ClientHarness.Finish("length"), """{"choices":[],"model":"tiny-coder","usage":{"prompt_tokens":9,"completion_tokens":2}}""", "[DONE]")),
            "/tokenize" => Tokenize(body),
            "/infill" when SpecialTokens is null || !SpecialTokens.Any(t => t.Contains("fim", StringComparison.Ordinal)) =>
                ScriptedHandler.Json("""{"error":{"code":501,"message":"Infill is not supported by this model: prefix token is missing. ","type":"not_supported_error"}}""", HttpStatusCode.NotImplemented),
            "/infill" => Sse(ClientHarness.Events(InfillTranscript.Partial("    return"), InfillTranscript.Partial(" y"), InfillTranscript.Final("limit", 2))),
            "/v1/completions" => Sse(ClientHarness.Events("""{"choices":[{"text":"plain","index":0,"finish_reason":"stop"}],"model":"tiny-coder"}""", "[DONE]")),
            _ => ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound),
        };
    }

    private static string? RequestedModel(string body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null;
    }

    private HttpResponseMessage Tokenize(string? body)
    {
        if (SpecialTokens is null)
        {
            return ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound);
        }

        using var json = System.Text.Json.JsonDocument.Parse(body!);
        var content = json.RootElement.GetProperty("content").GetString()!;
        return ScriptedHandler.Json(TokenPieces(SpecialTokens, content));
    }

    /// <summary>A /tokenize answer with pieces: a known special token is one piece, any other text one piece per character.</summary>
    public static string TokenPieces(IReadOnlySet<string> specialTokens, string content)
    {
        var pieces = content.Split('\n').SelectMany((part, index) =>
            (index > 0 ? ["\n"] : Array.Empty<string>()).Concat(specialTokens.Contains(part) ? [part] : part.Select(c => c.ToString())));
        return System.Text.Json.JsonSerializer.Serialize(new { tokens = pieces.Select((piece, id) => new { id, piece }) });
    }

    private static HttpResponseMessage Sse(byte[] body) => ScriptedHandler.Sse(new MemoryStream(body));

    public static string Text(IEnumerable<MessageChunk> chunks) => string.Concat(chunks.Select(c => c.Content));

    public static async Task<List<MessageChunk>> Collect(IAsyncEnumerable<MessageChunk> chunks)
    {
        var list = new List<MessageChunk>();
        await foreach (var chunk in chunks)
        {
            list.Add(chunk);
        }

        return list;
    }

    public static string Body(ScriptedHandler handler, string path) =>
        handler.Requests.Last(r => r.Uri.AbsolutePath == path).Body ?? throw new InvalidOperationException($"No body was sent to {path}.");
}
