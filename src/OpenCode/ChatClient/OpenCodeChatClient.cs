using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>An <see cref="IChatClient"/> over any <see cref="IAIProvider"/>: streaming and non-streaming, with usage and finish reason.</summary>
internal sealed class OpenCodeChatClient : IChatClient
{
    private readonly IAIProvider _provider;
    private readonly bool _ownsProvider;

    public OpenCodeChatClient(IAIProvider provider, bool ownsProvider)
    {
        _provider = provider;
        _ownsProvider = ownsProvider;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.ToRequest(this, messages, options);
        var answer = await _provider.SendMessageAsync(request, cancellationToken).ToCompletedMessageAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var message = new ChatMessage(ChatRole.Assistant, []);
        if (answer.ReasoningContent is { Length: > 0 } reasoning)
        {
            message.Contents.Add(new TextReasoningContent(reasoning));
        }

        if (answer.Content.Length > 0 || answer.ToolCalls.Count == 0)
        {
            message.Contents.Add(new TextContent(answer.Content));
        }

        ChatRequestMapper.AddFunctionCalls(message.Contents, answer.ToolCalls);

        message.MessageId = answer.Response?.Id;
        message.CreatedAt = answer.Response?.Created;
        message.RawRepresentation = answer;
        return new ChatResponse(message)
        {
            ResponseId = answer.Response?.Id,
            CreatedAt = answer.Response?.Created,
            RawRepresentation = answer,
            FinishReason = ChatRequestMapper.ToFinishReason(answer.FinishReason),
            ModelId = answer.Model,
            Usage = ChatRequestMapper.ToUsage(answer.Usage),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.ToRequest(this, messages, options);
        ResponseIdentity? identity = null;
        await foreach (var chunk in _provider.SendMessageAsync(request, cancellationToken).ConfigureAwait(false))
        {
            // Chunks already read from the socket are not handed out once the caller has cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            identity = chunk.Response ?? identity;
            var update = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = chunk.Metadata.Model,
                ResponseId = identity?.Id,
                MessageId = identity?.Id,
                CreatedAt = identity?.Created ?? chunk.Metadata.Timestamp,
                RawRepresentation = chunk,

                // Most updates carry one text part: room for exactly one (the list's default first growth makes room for four).
                Contents = new List<AIContent>(chunk.IsDone ? 4 : 1),
            };
            if (!string.IsNullOrEmpty(chunk.ReasoningContent))
            {
                update.Contents.Add(new TextReasoningContent(chunk.ReasoningContent));
            }

            if (chunk.Content.Length > 0)
            {
                update.Contents.Add(new TextContent(chunk.Content));
            }

            if (chunk.IsDone)
            {
                ChatRequestMapper.AddFunctionCalls(update.Contents, chunk.ToolCalls);
                update.FinishReason = chunk.FinishReason is { } reason ? ChatRequestMapper.ToFinishReason(reason) : null;
                if (ChatRequestMapper.ToUsage(chunk.Metadata.Usage) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return ChatClientMetadataFactory.Describe(_provider);
        }

        return serviceType.IsInstanceOfType(_provider) ? _provider : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_ownsProvider)
        {
            // IChatClient offers only a synchronous Dispose; the provider's cleanup is asynchronous, so it runs in the background.
            _ = _provider.DisposeAsync().AsTask();
        }
    }
}
