using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>
/// Honours <see cref="ChatOptions.RawRepresentationFactory"/>: the object it returns is the base of the request, and the
/// <see cref="ChatOptions"/> properties that are set are laid over it.
/// </summary>
/// <remarks>
/// Two kinds are accepted: a <see cref="MessageRequest"/> (OpenCode's own request: its settings are the base; the history comes from the
/// messages, so it must hold none) and a <see cref="JsonObject"/> (each property goes into the request body, as
/// <see cref="MessageRequest.AdditionalParameters"/> do, so <c>features.customParameters</c> must be on). Anything else is a typed error.
/// </remarks>
internal static class ChatRawRepresentation
{
    private const string Option = "ChatOptions.RawRepresentationFactory";

    /// <summary>Returns the base request and the extra body properties the factory asks for.</summary>
    public static (MessageRequest Base, JsonObject? Body) From(IChatClient client, ChatOptions? options)
    {
        if (options?.RawRepresentationFactory is not { } factory)
        {
            return (Empty, null);
        }

        return factory(client) switch
        {
            null => (Empty, null),
            MessageRequest { Messages.Count: > 0 } or MessageRequest { Prompt: not null } => throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest, $"{Option} returned a MessageRequest with Messages or a Prompt; the conversation comes from the chat messages, so leave them empty."),
            MessageRequest request => (request, null),
            JsonObject body => (Empty, body),
            var other => throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"{Option} returned a {other.GetType().FullName}; OpenCode takes a MessageRequest (the base request) or a System.Text.Json.Nodes.JsonObject (properties added to the request body)."),
        };
    }

    /// <summary>Adds the JSON body's properties to the additional parameters (a copy of each value: the factory's object stays the caller's).</summary>
    public static void AddBody(ref Dictionary<string, object?>? additional, JsonObject? body)
    {
        if (body is null)
        {
            return;
        }

        foreach (var (name, value) in body)
        {
            (additional ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value?.DeepClone();
        }
    }

    private static MessageRequest Empty { get; } = new();
}
