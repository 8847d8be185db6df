using Microsoft.Extensions.AI;
using OpenCode.ChatClient;

namespace OpenCode;

/// <summary>Gives any <see cref="IAIProvider"/> as a <see cref="IChatClient"/>.</summary>
public static class OpenCodeChatClientExtensions
{
    /// <summary>Wraps a provider as an <see cref="IChatClient"/> (usable with <c>ChatClientBuilder</c> middleware).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="ownsProvider">Whether disposing the chat client disposes the provider.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsIChatClient(this IAIProvider provider, bool ownsProvider = false)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new OpenCodeChatClient(provider, ownsProvider);
    }

    /// <summary>Wraps a provider as an <see cref="IChatClient"/>; the same as <see cref="AsIChatClient"/>, under its earlier name.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="ownsProvider">Whether disposing the chat client disposes the provider.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsChatClient(this IAIProvider provider, bool ownsProvider = false) => AsIChatClient(provider, ownsProvider);
}
