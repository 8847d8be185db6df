using Microsoft.Extensions.AI;

namespace OpenCode.ChatClient;

/// <summary>The <see cref="ChatOptions"/> beyond sampling and tools: the response format, and the options these servers cannot honour (refused, never ignored).</summary>
internal static class ChatOptionsSupport
{
    public static ResponseFormat? ToResponseFormat(ChatResponseFormat? format) => format switch
    {
        null or ChatResponseFormatText => null,
        ChatResponseFormatJson { Schema: { } schema } json => ResponseFormat.ForJsonSchema(schema, json.SchemaName, json.SchemaDescription),
        ChatResponseFormatJson => ResponseFormat.Json,
        _ => throw new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, $"ChatOptions.ResponseFormat {format.GetType().Name} is not known to OpenCode."),
    };

    public static void RefuseUnsupported(ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.ConversationId is not null)
        {
            throw Unsupported("ConversationId", "these servers keep no conversation state; send the whole history instead");
        }

        if (options.ContinuationToken is not null || options.AllowBackgroundResponses == true)
        {
            throw Unsupported(options.ContinuationToken is not null ? "ContinuationToken" : "AllowBackgroundResponses", "these servers have no background responses");
        }

        if (options.Reasoning is not null)
        {
            throw Unsupported("Reasoning", "the reasoning effort of these servers is set when the model is loaded (reasoning text is returned as TextReasoningContent)");
        }
    }

    private static OpenCodeException Unsupported(string option, string why) =>
        new(OpenCodeErrorCodes.CapabilityNotSupported, $"ChatOptions.{option} cannot be honoured: {why}.");
}
