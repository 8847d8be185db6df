using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>Maps between Microsoft.Extensions.AI types and OpenCode's.</summary>
internal static class ChatRequestMapper
{
    public static MessageRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mapped = messages.Select(m => new Message(ToRole(m.Role), m.Text)).ToList();
        Dictionary<string, object?>? additional = null;
        if (options?.TopK is { } topK)
        {
            (additional ??= [])["top_k"] = topK;
        }

        if (options?.FrequencyPenalty is { } frequency)
        {
            (additional ??= [])["frequency_penalty"] = frequency;
        }

        if (options?.PresencePenalty is { } presence)
        {
            (additional ??= [])["presence_penalty"] = presence;
        }

        ModelSelection? selection = null;
        if (options?.AdditionalProperties is { Count: > 0 } extra)
        {
            foreach (var (key, value) in extra)
            {
                if (key == ModelSelection.ChatOptionsKey && value is ModelSelection chosen)
                {
                    selection = chosen;
                    continue;
                }

                (additional ??= [])[key] = value;
            }
        }

        return new MessageRequest
        {
            Messages = mapped,
            Model = options?.ModelId,
            Mode = CompletionMode.Auto,
            MaxTokens = options?.MaxOutputTokens,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            Seed = options?.Seed,
            Stop = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : [],
            AdditionalParameters = additional,
            Selection = selection,
        };
    }

    public static ChatFinishReason ToFinishReason(FinishReason reason) => reason.Value switch
    {
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    public static UsageDetails? ToUsage(TokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.CachedPromptTokens,
        AdditionalCounts = new AdditionalPropertiesDictionary<long> { ["opencode.usage_source." + usage.Source.ToString().ToLowerInvariant()] = 1 },
    };

    private static MessageRole ToRole(ChatRole role) =>
        role == ChatRole.System ? MessageRole.System
        : role == ChatRole.Assistant ? MessageRole.Assistant
        : role == ChatRole.Tool ? MessageRole.Tool
        : MessageRole.User;
}
