namespace OpenCode.Models;

/// <summary>The extra request parameters each dialect accepts beyond the OpenAI ones OpenCode sets itself.</summary>
/// <remarks>llama.cpp's from tools/server/server-schema.cpp (de3ff81) plus its chat fields; vLLM's, TGI's and Ollama's from their OpenAI-compatible API docs.</remarks>
internal static class DialectParameters
{
    private static readonly string[] OpenAi =
        ["frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs", "n", "response_format", "tools", "tool_choice", "parallel_tool_calls", "user", "max_completion_tokens"];

    private static readonly Dictionary<string, HashSet<string>> Accepted = new(StringComparer.Ordinal)
    {
        [ServerDialects.LlamaCpp] = Set(
            "top_k", "min_p", "typical_p", "repeat_penalty", "repeat_last_n", "dry_multiplier", "dry_base", "dry_allowed_length", "dry_penalty_last_n",
            "dry_sequence_breakers", "dynatemp_range", "dynatemp_exponent", "mirostat", "mirostat_tau", "mirostat_eta", "xtc_probability", "xtc_threshold",
            "top_n_sigma", "n_keep", "n_probs", "min_keep", "n_predict", "n_indent", "n_cmpl", "grammar", "json_schema", "ignore_eos", "samplers",
            "cache_prompt", "t_max_predict_ms", "t_max_prompt_ms", "id_slot", "return_tokens", "post_sampling_probs", "timings_per_token", "lora",
            "chat_template_kwargs", "reasoning_format", "reasoning_budget_tokens", "echo", "response_fields", "n_cache_reuse"),
        [ServerDialects.Vllm] = Set(
            "top_k", "min_p", "repetition_penalty", "length_penalty", "stop_token_ids", "include_stop_str_in_output", "ignore_eos", "min_tokens",
            "skip_special_tokens", "spaces_between_special_tokens", "truncate_prompt_tokens", "guided_json", "guided_regex", "guided_choice",
            "guided_grammar", "best_of", "use_beam_search", "echo", "add_generation_prompt", "chat_template", "chat_template_kwargs", "priority"),
        [ServerDialects.Tgi] = Set("tool_prompt", "stream_options"),
        [ServerDialects.Ollama] = Set("suffix", "reasoning_effort", "echo"),
    };

    /// <summary>Whether <paramref name="dialect"/> accepts <paramref name="name"/>; <see langword="true"/> for dialects whose parameters are not known.</summary>
    public static bool Accepts(string dialect, string name) =>
        !Accepted.TryGetValue(dialect, out var names) || names.Contains(name);

    private static HashSet<string> Set(params string[] names) => new(names.Concat(OpenAi), StringComparer.Ordinal);
}
