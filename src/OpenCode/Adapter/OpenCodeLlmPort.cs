namespace OpenCode;

/// <summary>An <see cref="ILlmPort"/> over a provider, which it disposes when it owns it.</summary>
internal sealed class OpenCodeLlmPort(IAIProvider provider, bool ownsProvider) : ILlmPort, IAsyncDisposable
{
    public async Task<LlmMessage> CompleteAsync(IReadOnlyList<LlmMessage> messages, LlmCompletionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new MessageRequest
        {
            Messages = [.. messages.Select(ToMessage)],
            Model = options?.Model,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxTokens,
            Stop = options?.Stop ?? [],
            Mode = CompletionMode.Auto,
            Tools = options?.Tools ?? [],
            ToolChoice = options?.ToolChoice,
            ParallelToolCalls = options?.ParallelToolCalls,
        };
        var answer = await provider.SendMessageAsync(request, cancellationToken).ToCompletedMessageAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LlmMessage("assistant", answer.Content)
        {
            FinishReason = answer.FinishReason,
            ToolCalls = answer.ToolCalls,
            Usage = answer.Usage,
            Model = answer.Model,
        };
    }

    public ValueTask DisposeAsync() => ownsProvider ? provider.DisposeAsync() : ValueTask.CompletedTask;

    private static Message ToMessage(LlmMessage message, int index)
    {
        ArgumentNullException.ThrowIfNull(message);
        var role = message.Role?.ToUpperInvariant() switch
        {
            "SYSTEM" => MessageRole.System,
            "USER" => MessageRole.User,
            "ASSISTANT" => MessageRole.Assistant,
            "TOOL" => MessageRole.Tool,
            _ => throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"messages[{index}].role: '{message.Role}' is not a role; use system, user, assistant or tool."),
        };
        return new Message(role, message.Content ?? string.Empty) { ToolCalls = message.ToolCalls, ToolCallId = message.ToolCallId };
    }
}
