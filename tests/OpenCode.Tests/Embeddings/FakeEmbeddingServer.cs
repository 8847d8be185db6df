using System.Net;
using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Models;

namespace OpenCode.Tests.Embeddings;

/// <summary>
/// A scripted llama-server (or Ollama) that serves embeddings: each input's vector is [its length, its first and its last character's code],
/// so a test can tell which input a vector belongs to; the data list comes back in reverse order, placed by <c>index</c>.
/// The usage is one token per character. <see cref="Answer"/> replaces the answer to the next embeddings request.
/// </summary>
internal sealed class FakeEmbeddingServer
{
    public const string Model = "deepseek-coder-1.3b-base.Q4_K_M";

    private readonly Dictionary<string, string> _routes;
    private readonly bool _ollama;

    public FakeEmbeddingServer(bool ollama = false)
    {
        _ollama = ollama;
        _routes = ollama ? DialectFixtures.Ollama() : DialectFixtures.LlamaCpp();
        if (ollama)
        {
            _routes["/v1/models"] = """{"object":"list","data":[{"id":"qwen2.5-coder:7b","object":"model","created":1736500000,"owned_by":"library"}]}""";
        }
        Handler = new ScriptedHandler((request, body, _) => Task.FromResult(Respond(request, body)));
    }

    public ScriptedHandler Handler { get; }

    /// <summary>Gets the answers to the next embeddings requests, taken in order; when empty the server computes one.</summary>
    public Queue<HttpResponseMessage> Answer { get; } = new();

    public string EmbedPath => _ollama ? "/api/embed" : "/v1/embeddings";

    /// <summary>Gets the bodies of the embeddings requests, parsed.</summary>
    public List<JsonElement> Bodies => [.. Handler.Requests.Where(r => r.Uri.AbsolutePath == EmbedPath).Select(r => JsonDocument.Parse(r.Body!).RootElement.Clone())];

    public OpenCodeProvider CreateProvider(Action<OpenCodeOptions>? configure = null, Storage.OpenCodeStores? stores = null)
    {
        var options = new OpenCodeOptions { ApiEndpoint = _ollama ? "http://127.0.0.1:11434/v1" : "http://127.0.0.1:18082" };
        options.Resilience.BaseDelay = 0;
        configure?.Invoke(options);
        return new OpenCodeProvider(options, new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan }, stores: stores);
    }

    public static float[] VectorOf(string input) => [input.Length, input[0], input[^1]];

    private HttpResponseMessage Respond(HttpRequestMessage request, string? body)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == EmbedPath)
        {
            return Answer.Count > 0 ? Answer.Dequeue() : Embed(body!);
        }

        return _routes.TryGetValue(path, out var fixture)
            ? ScriptedHandler.Json(fixture)
            : ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound);
    }

    private HttpResponseMessage Embed(string body)
    {
        using var json = JsonDocument.Parse(body);
        var inputs = json.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        var tokens = inputs.Sum(i => i.Length);
        var model = json.RootElement.TryGetProperty("model", out var m) ? m.GetString() : Model;
        if (_ollama)
        {
            return ScriptedHandler.Json(JsonSerializer.Serialize(new
            {
                model,
                embeddings = inputs.Select(VectorOf),
                total_duration = 1000,
                prompt_eval_count = tokens,
            }));
        }

        var data = inputs.Select((input, i) => new { @object = "embedding", index = i, embedding = VectorOf(input) }).Reverse();
        return ScriptedHandler.Json(JsonSerializer.Serialize(new { model, @object = "list", usage = new { prompt_tokens = tokens, total_tokens = tokens }, data }));
    }
}
