using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>Maps between Microsoft.Extensions.AI types and OpenCode's.</summary>
internal static class ChatRequestMapper
{
    /// <summary>Maps a history and options to a request; the base is what <see cref="ChatOptions.RawRepresentationFactory"/> returns, if anything.</summary>
    public static MessageRequest ToRequest(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ChatOptionsSupport.RefuseUnsupported(options);
        var mapped = ChatMessageMapper.ToMessages(messages, options?.Instructions);
        var (baseline, body) = ChatRawRepresentation.From(client, options);
        var additional = baseline.AdditionalParameters is { Count: > 0 } inherited ? new Dictionary<string, object?>(inherited, StringComparer.Ordinal) : null;
        ChatRawRepresentation.AddBody(ref additional, body);
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

        var selection = baseline.Selection;
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

        return baseline with
        {
            Messages = mapped,
            Model = options?.ModelId ?? baseline.Model,
            MaxTokens = options?.MaxOutputTokens ?? baseline.MaxTokens,
            Temperature = options?.Temperature ?? baseline.Temperature,
            TopP = options?.TopP ?? baseline.TopP,
            Seed = options?.Seed ?? baseline.Seed,
            Stop = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : baseline.Stop,
            AdditionalParameters = additional,
            Selection = selection,
            Tools = options?.Tools is { Count: > 0 } tools ? ChatToolMapper.ToTools(tools) : baseline.Tools,
            ToolChoice = ChatToolMapper.ToChoice(options?.ToolMode) ?? baseline.ToolChoice,
            ParallelToolCalls = options?.AllowMultipleToolCalls ?? baseline.ParallelToolCalls,
            ResponseFormat = ChatOptionsSupport.ToResponseFormat(options?.ResponseFormat) ?? baseline.ResponseFormat,
            GenAIMetricsByCaller = true,
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
