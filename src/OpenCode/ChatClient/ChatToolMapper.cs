using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>Maps <see cref="ChatOptions.Tools"/>, <see cref="ChatOptions.ToolMode"/> and <see cref="ChatOptions.AllowMultipleToolCalls"/>.</summary>
internal static class ChatToolMapper
{
    public static IReadOnlyList<ToolDefinition> ToTools(IList<AITool>? tools)
    {
        if (tools is not { Count: > 0 })
        {
            return [];
        }

        var mapped = new ToolDefinition[tools.Count];
        for (var i = 0; i < tools.Count; i++)
        {
            mapped[i] = tools[i] switch
            {
                AIFunctionDeclaration function => new ToolDefinition(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema),
                var other => throw new OpenCodeException(
                    OpenCodeErrorCodes.CapabilityNotSupported,
                    $"ChatOptions.Tools[{i}] is a {other?.GetType().Name ?? "null"} ('{other?.Name}'); OpenCode sends functions (AIFunctionDeclaration) only, hosted tools are not served by these servers."),
            };
        }

        return mapped;
    }

    public static ToolChoice? ToChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => ToolChoice.None,
        AutoChatToolMode => ToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Function(name),
        RequiredChatToolMode => ToolChoice.Required,
        _ => throw new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, $"ChatOptions.ToolMode {mode.GetType().Name} is not known to OpenCode."),
    };
}
