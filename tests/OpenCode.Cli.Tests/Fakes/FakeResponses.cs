using System.Text.Json;

namespace OpenCode.Cli.Tests.Fakes;

/// <summary>The literal bodies the fake server sends, as llama-server words them.</summary>
internal static class FakeResponses
{
    public const string ChatText = "Hello, world";
    public const string CompletionText = "def reverse(s):";

    public static string Models(IReadOnlyList<string> ids) =>
        $$"""{"object":"list","data":[{{string.Join(",", ids.Select((id, i) => Model(id, i)))}}]}""";

    /// <summary>llama-server de3ff81's router: <c>/models</c> entries with a <c>status</c>; its own <c>/props</c> has role router and n_ctx 0.</summary>
    public static string RouterModels(IReadOnlyDictionary<string, string> states) =>
        $$"""{"object":"list","data":[{{string.Join(",", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $$$"""{"id":"{{{s.Key}}}","aliases":[],"tags":[],"object":"model","owned_by":"llamacpp","created":1796061919,"status":{"value":"{{{s.Value}}}","args":[]},"source":"models_dir"}"""))}}]}""";

    public const string RouterProps = """{"role":"router","max_instances":4,"models_autoload":true,"model_alias":"llama-server","model_path":"none","default_generation_settings":{"params":null,"n_ctx":0},"build_info":"b1-de3ff81"}""";

    public static string Props(string loadedModel, int contextWindow) =>
        $$$"""{"default_generation_settings":{"n_ctx":{{{contextWindow}}}},"total_slots":1,"model_path":"/models/{{{loadedModel}}}.gguf","chat_template":"(a chat template)"}""";

    public static IEnumerable<string> ChatStream() =>
    [
        ChatDelta("Hello"),
        ChatDelta(", world"),
        """{"id":"c1","object":"chat.completion.chunk","model":"fake-coder","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
        """{"id":"c1","object":"chat.completion.chunk","model":"fake-coder","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""",
        "[DONE]",
    ];

    public static IEnumerable<string> ReasoningChatStream() =>
    [
        """{"id":"c1","object":"chat.completion.chunk","model":"fake-coder","choices":[{"index":0,"delta":{"reasoning_content":"pondering"},"finish_reason":null}]}""",
        ChatDelta("answer"),
        """{"id":"c1","object":"chat.completion.chunk","model":"fake-coder","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
        "[DONE]",
    ];

    public static IEnumerable<string> CompletionStream() =>
    [
        TextDelta("def "),
        TextDelta("reverse(s):"),
        """{"id":"p1","object":"text_completion","model":"fake-coder","choices":[{"index":0,"text":"","finish_reason":"length"}]}""",
        """{"id":"p1","object":"text_completion","model":"fake-coder","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}""",
        "[DONE]",
    ];

    public const string InfillText = "    return s[::-1]";

    /// <summary>llama.cpp's native /infill events: partial results, then the final one with stop, stop_type and timings; no [DONE].</summary>
    public static IEnumerable<string> InfillStream() =>
    [
        """{"index":0,"content":"    return","tokens":[],"stop":false,"id_slot":-1,"tokens_predicted":1,"tokens_evaluated":9}""",
        """{"index":0,"content":" s[::-1]","tokens":[],"stop":false,"id_slot":-1,"tokens_predicted":2,"tokens_evaluated":9}""",
        """{"index":0,"content":"","tokens":[],"id_slot":0,"stop":true,"model":"fake-coder","tokens_predicted":2,"tokens_evaluated":9,"stop_type":"eos","stopping_word":"","tokens_cached":10,"timings":{"cache_n":0,"prompt_n":9,"predicted_n":2}}""",
    ];

    /// <summary>A /tokenize answer with pieces: a known special token is one piece, any other text one piece per character.</summary>
    public static string Tokens(IReadOnlySet<string> specialTokens, string body)
    {
        var content = JsonDocument.Parse(body).RootElement.GetProperty("content").GetString()!;
        var pieces = content.Split('\n').SelectMany((part, index) =>
            (index > 0 ? ["\n"] : Array.Empty<string>()).Concat(specialTokens.Contains(part) ? [part] : part.Select(c => c.ToString())));
        return JsonSerializer.Serialize(new { tokens = pieces.Select((piece, id) => new { id, piece }) });
    }

    public static string ChatDelta(string text) =>
        $$$"""{"id":"c1","object":"chat.completion.chunk","model":"fake-coder","choices":[{"index":0,"delta":{"content":{{{JsonSerializer.Serialize(text)}}}},"finish_reason":null}]}""";

    public static string TextDelta(string text) =>
        $$"""{"id":"p1","object":"text_completion","model":"fake-coder","choices":[{"index":0,"text":{{JsonSerializer.Serialize(text)}},"finish_reason":null}]}""";

    // The first model is the loaded one (llama.cpp meta); the others say only their own context length, as vLLM does.
    private static string Model(string id, int index) => index == 0
        ? $$$"""{"id":"{{{id}}}","object":"model","owned_by":"llamacpp","meta":{"n_ctx_train":16384,"n_params":1500000000,"n_vocab":32000,"size":943718400}}"""
        : $$"""{"id":"{{id}}","object":"model","owned_by":"vllm","context_length":32768}""";
}
