namespace OpenCode.Tests.Client;

/// <summary>Events of llama.cpp's native <c>/infill</c> stream, shaped as tools/server/server-task.cpp writes them (no <c>[DONE]</c>).</summary>
internal static class InfillTranscript
{
    public static string Partial(string content) =>
        $$$"""{"index":0,"content":{{{System.Text.Json.JsonSerializer.Serialize(content)}}},"tokens":[],"stop":false,"id_slot":-1,"tokens_predicted":1,"tokens_evaluated":14}""";

    public static string Final(string stopType, int predicted) =>
        $$$"""{"index":0,"content":"","tokens":[],"id_slot":0,"stop":true,"model":"tiny-coder","tokens_predicted":{{{predicted}}},"tokens_evaluated":14,"generation_settings":{"n_predict":{{{predicted}}},"stop":[],"temperature":0.8},"prompt":"<|fim_prefix|>def f(x):","has_new_line":false,"truncated":false,"stop_type":"{{{stopType}}}","stopping_word":"","tokens_cached":16,"timings":{"cache_n":2,"prompt_n":12,"prompt_ms":1.5,"prompt_per_token_ms":0.125,"prompt_per_second":8000.0,"predicted_n":{{{predicted}}},"predicted_ms":0.9,"predicted_per_token_ms":0.45,"predicted_per_second":2222.2}}""";
}
