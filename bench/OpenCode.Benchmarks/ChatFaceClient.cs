using System.Text;
using Microsoft.Extensions.AI;

namespace OpenCode.Benchmarks;

/// <summary>The provider read through its <see cref="IChatClient"/> face: plain-text streaming, as a Microsoft.Extensions.AI app reads it.</summary>
internal sealed class ChatFaceClient(StreamClients clients)
{
    /// <summary>This client's index in <see cref="StreamClients.RunAsync"/> and <see cref="StreamClients.Names"/>.</summary>
    public const int Index = 3;

    private readonly IChatClient _chat = clients.Provider.AsIChatClient();
    private readonly List<ChatMessage> _messages = [.. clients.Request.Messages.Select(m => new ChatMessage(ChatRole.User, m.Content))];
    private readonly ChatOptions _options = new() { MaxOutputTokens = clients.Request.MaxTokens };

    public async Task<int> StreamAsync(StringBuilder sink)
    {
        var chunks = 0;
        await foreach (var update in _chat.GetStreamingResponseAsync(_messages, _options))
        {
            foreach (var content in update.Contents)
            {
                if (content is TextContent text)
                {
                    sink.Append(text.Text);
                    chunks++;
                }
            }
        }

        return chunks;
    }
}
