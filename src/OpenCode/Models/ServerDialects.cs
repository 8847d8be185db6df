namespace OpenCode.Models;

/// <summary>The server dialects <see cref="OpenCodeModelManager"/> recognises (the values of <c>models.dialect</c> and <see cref="ProviderCapabilities.Dialect"/>).</summary>
internal static class ServerDialects
{
    /// <summary>Probe the server to find out (the default).</summary>
    public const string Auto = "auto";

    /// <summary>llama.cpp's llama-server: <c>/props</c>, <c>/v1/models</c> with <c>meta</c>, <c>/tokenize</c>, <c>/infill</c>.</summary>
    public const string LlamaCpp = "llama.cpp";

    /// <summary>Ollama: <c>/api/version</c>, <c>/api/tags</c>, <c>/api/show</c>.</summary>
    public const string Ollama = "ollama";

    /// <summary>vLLM: <c>/version</c>, <c>/v1/models</c> with <c>max_model_len</c>, <c>root</c>, <c>parent</c>.</summary>
    public const string Vllm = "vllm";

    /// <summary>Hugging Face Text Generation Inference: <c>/info</c>.</summary>
    public const string Tgi = "tgi";

    /// <summary>An OpenCode API: <c>/models</c> with rich metadata, <c>/models/{id}</c>.</summary>
    public const string OpenCode = "opencode";

    /// <summary>Any other OpenAI-compatible server (LM Studio, LocalAI): <c>/v1/models</c> only.</summary>
    public const string OpenAi = "openai";

    /// <summary>Gets every value <c>models.dialect</c> accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [Auto, LlamaCpp, Ollama, Vllm, Tgi, OpenCode, OpenAi];
}
