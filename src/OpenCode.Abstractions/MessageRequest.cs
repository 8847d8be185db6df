namespace OpenCode;

/// <summary>One request to a model: a conversation or a raw prompt, and how to sample.</summary>
/// <remarks>A record, so a changed copy is <c>request with { Model = … }</c>; lists compare by reference.</remarks>
public sealed record MessageRequest
{
    /// <summary>Gets the conversation. Empty for a plain completion.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>Gets the raw prompt for a plain completion; <see langword="null"/> for chat.</summary>
    public string? Prompt { get; init; }

    /// <summary>Gets the model id; <see langword="null"/> uses the configured default or the server's only model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets which endpoint to use.</summary>
    /// <value>Defaults to <see cref="CompletionMode.Auto"/>.</value>
    public CompletionMode Mode { get; init; } = CompletionMode.Auto;

    /// <summary>Gets the most tokens to generate; <see langword="null"/> lets the server decide.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the sampling temperature; <see langword="null"/> uses the configured default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling threshold; <see langword="null"/> lets the server decide.</summary>
    public float? TopP { get; init; }

    /// <summary>Gets the sequences that end the generation.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Gets the random seed, for reproducible sampling where the server supports it.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets extra JSON body fields passed through as they are (for example <c>top_k</c>, <c>min_p</c>, <c>repeat_penalty</c>).</summary>
    /// <remarks>
    /// Values are written with System.Text.Json. In a trimmed or native AOT app, which serializes without reflection, a value must be a
    /// <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>, a string, number or boolean, or an array,
    /// list or string-keyed dictionary of them; another type fails the request with <c>INVALID_REQUEST</c>.
    /// </remarks>
    public IReadOnlyDictionary<string, object?>? AdditionalParameters { get; init; }

    /// <summary>Gets the functions the model may call; sent only on chat requests.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>Gets whether and which tools the model must call; <see langword="null"/> lets the server decide.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Gets whether the model may ask for several tool calls in one answer; <see langword="null"/> lets the server decide.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Gets the shape of answer asked for (JSON, or JSON following a schema); <see langword="null"/> for free text.</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets a task for a router to choose the model (and the temperature) for; ignored by a single-endpoint provider.</summary>
    public ModelSelection? Selection { get; init; }

    /// <summary>
    /// Gets whether the GenAI semantic-convention metrics (<c>gen_ai.client.*</c>) of this request are the caller's to record: set by the
    /// <c>IChatClient</c> face, whose GenAI instrumentation is Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>, so nothing is counted twice.
    /// </summary>
    internal bool GenAIMetricsByCaller { get; init; }
}
