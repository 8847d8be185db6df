using Microsoft.Extensions.AI;

namespace OpenCode.IntegrationTests.ChatClient.Conformance;

/// <summary>Helpers of the chat conformance suite.</summary>
internal static class ChatConformance
{
    /// <summary>Asks streamed (the updates combined as Microsoft.Extensions.AI combines them) or not.</summary>
    public static async Task<ChatResponse> AskAsync(IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions options, bool streaming, CancellationToken cancellationToken) =>
        streaming
            ? await chat.GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken)
            : await chat.GetResponseAsync(messages, options, cancellationToken);
}
