using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>Maps between Microsoft.Extensions.AI types and OpenCode's.</summary>
internal static class ChatRequestMapper
{
    public static MessageRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ChatOptionsSupport.RefuseUnsupported(options);
        var mapped = ChatMessageMapper.ToMessages(messages, options?.Instructions);
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
            Tools = ChatToolMapper.ToTools(options?.Tools),
            ToolChoice = ChatToolMapper.ToChoice(options?.ToolMode),
            ParallelToolCalls = options?.AllowMultipleToolCalls,
            ResponseFormat = ChatOptionsSupport.ToResponseFormat(options?.ResponseFormat),
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

    /// <summary>Adds the model's tool calls as <see cref="FunctionCallContent"/> (arguments parsed to JSON values, as UseFunctionInvocation expects).</summary>
    public static void AddFunctionCalls(IList<AIContent> contents, IReadOnlyList<ToolCall>? calls)
    {
        if (calls is null)
        {
            return;
        }

        foreach (var call in calls)
        {
            var content = FunctionCallContent.CreateFromParsedArguments(call.Arguments, call.Id, call.Name, ParseArguments);
            content.RawRepresentation = call;
            contents.Add(content);
        }
    }

    private static IDictionary<string, object?>? ParseArguments(string json) =>
        (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
