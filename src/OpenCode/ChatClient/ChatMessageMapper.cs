using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>
/// Maps a Microsoft.Extensions.AI history to OpenCode messages: text, function calls (an assistant message's <c>tool_calls</c>)
/// and function results (one <c>tool</c> message per result). Content the wire cannot carry is refused with a typed error, never dropped.
/// </summary>
internal static class ChatMessageMapper
{
    public static List<Message> ToMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mapped = new List<Message>();
        if (!string.IsNullOrEmpty(instructions))
        {
            mapped.Add(Message.System(instructions));
        }

        var index = 0;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            AddMessage(mapped, message, index++);
        }

        return mapped;
    }

    private static void AddMessage(List<Message> mapped, ChatMessage message, int index)
    {
        var role = ToRole(message.Role);
        StringBuilder? text = null;
        List<ToolCall>? calls = null;
        List<string>? images = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent plain:
                    (text ??= new StringBuilder()).Append(plain.Text);
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(new ToolCall(call.CallId, call.Name, SerializeArguments(call)));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    (images ??= []).Add(data.Uri);
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    (images ??= []).Add(uri.Uri.AbsoluteUri);
                    break;
                case FunctionResultContent result:
                    mapped.Add(Message.ToolResult(result.CallId, ResultText(result)));
                    break;

                // Reasoning the model produced earlier, and usage reports, are not part of what a server reads back (as with OpenAI's API).
                case TextReasoningContent or UsageContent:
                    break;
                default:
                    throw Unsupported(index, content);
            }
        }

        if (calls is not null)
        {
            mapped.Add(new Message(MessageRole.Assistant, text?.ToString() ?? string.Empty) { ToolCalls = calls });
        }
        else if (text is not null || images is not null || !message.Contents.Any(c => c is FunctionResultContent))
        {
            mapped.Add(new Message(role, text?.ToString() ?? string.Empty) { ImageUrls = (IReadOnlyList<string>?)images ?? [] });
        }
    }

    private static string SerializeArguments(FunctionCallContent call) =>
        call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception is { } error ? $"Error: {error.Message}" : string.Empty,
        string text => text,
        JsonElement element when element.ValueKind == JsonValueKind.String => element.GetString()!,
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };

    private static OpenCodeException Unsupported(int index, AIContent content) => new(
        OpenCodeErrorCodes.CapabilityNotSupported,
        $"messages[{index}] holds a {content.GetType().Name}, which OpenCode cannot send to a chat server; it sends text, function calls and results, and images to models with vision.");

    private static MessageRole ToRole(ChatRole role) =>
        role == ChatRole.System ? MessageRole.System
        : role == ChatRole.Assistant ? MessageRole.Assistant
        : role == ChatRole.Tool ? MessageRole.Tool
        : MessageRole.User;
}
