namespace OpenCode;

/// <summary>What a provider's server and model can do, as the server reports it.</summary>
public sealed record ProviderCapabilities
{
    /// <summary>Gets the model these capabilities describe.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the ids of every model the server serves.</summary>
    public IReadOnlyList<string> AvailableModels { get; init; } = [];

    /// <summary>Gets the context window in tokens the server runs the model with; <see langword="null"/> when the server does not say.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the context length the model was trained with, when the server says.</summary>
    public int? TrainingContextWindow { get; init; }

    /// <summary>Gets a value indicating whether answers can be streamed.</summary>
    public bool SupportsStreaming { get; init; } = true;

    /// <summary>Gets a value indicating whether the model takes images (llama.cpp <c>modalities.vision</c>, Ollama's <c>vision</c>); <see langword="null"/> when unknown.</summary>
    public bool? SupportsVision { get; init; }

    /// <summary>
    /// Gets a value indicating whether the server passes tool definitions to the model (llama.cpp: a <c>--jinja</c> chat template that renders
    /// <c>tools</c>, <c>chat_template_caps.supports_tools</c>; Ollama: the <c>tools</c> capability); <see langword="null"/> when unknown (vLLM, TGI:
    /// the server decides). Where <see langword="false"/>, a request with tools fails with <c>CAPABILITY_NOT_SUPPORTED</c> before sending.
    /// </summary>
    public bool? SupportsTools { get; init; }

    /// <summary>Gets a value indicating whether the model has a chat template, so chat requests are formatted for it; <see langword="null"/> when unknown.</summary>
    public bool? SupportsChat { get; init; }

    /// <summary>Gets a value indicating whether plain prompts (<c>/v1/completions</c>) are accepted.</summary>
    public bool SupportsCompletion { get; init; } = true;

    /// <summary>Gets a value indicating whether the server can fill in the middle for this model; <see langword="null"/> when unknown.</summary>
    public bool? SupportsFillInTheMiddle { get; init; }

    /// <summary>Gets the number of requests the server runs at once (llama.cpp slots), when it says.</summary>
    public int? ParallelSlots { get; init; }

    /// <summary>Gets the number of parameters of the model, when the server says.</summary>
    public long? ParameterCount { get; init; }

    /// <summary>Gets the model's family id (for example <c>deepseek-coder</c>, <c>codellama</c>), or <c>unknown</c>.</summary>
    public string Family { get; init; } = "unknown";

    /// <summary>
    /// Gets a value indicating whether the server's own fill-in-the-middle endpoint (llama.cpp <c>/infill</c>) works for the model:
    /// its vocabulary has FIM tokens; <see langword="null"/> when the server cannot say.
    /// </summary>
    public bool? SupportsInfillEndpoint { get; init; }

    /// <summary>
    /// Gets the server dialect detected: <c>llama.cpp</c>, <c>ollama</c>, <c>vllm</c>, <c>tgi</c>, <c>opencode</c> or <c>openai</c>
    /// (any other OpenAI-compatible server), the values of <c>models.dialect</c>.
    /// </summary>
    public string Dialect { get; init; } = "openai";

    /// <summary>Gets the sampling the server applies when a request sets none (on llama.cpp, the model file's own defaults), when it said.</summary>
    public Models.SamplingDefaults? SamplingDefaults { get; init; }
}
