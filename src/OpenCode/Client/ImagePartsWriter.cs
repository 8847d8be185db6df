using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Writes a message with images as OpenAI content parts: its text, then one <c>image_url</c> part per image.</summary>
internal static class ImagePartsWriter
{
    public static void Write(Utf8JsonWriter json, Message message)
    {
        json.WriteStartArray("content");
        if (message.Content.Length > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", message.Content);
            json.WriteEndObject();
        }

        foreach (var url in message.ImageUrls)
        {
            json.WriteStartObject();
            json.WriteString("type", "image_url");
            json.WriteStartObject("image_url");
            json.WriteString("url", url);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A plain completion is a text prompt: images would be lost, so they are refused.</summary>
    public static void RefuseOutsideChat(MessageRequest request)
    {
        if (request.Messages.Any(m => m.ImageUrls.Count > 0))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                "Images need the chat endpoint, but this request goes to a plain completion (CompletionMode.Completion, or a model without a chat template).");
        }
    }

    /// <summary>Refuses images for a model that reports no vision, instead of sending what the server would drop or reject.</summary>
    public static void RefuseWithoutVision(MessageRequest request, ProviderCapabilities capabilities)
    {
        if (capabilities.SupportsVision == false && request.Messages.Any(m => m.ImageUrls.Count > 0))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported, $"Model '{capabilities.Model}' takes no images (the server reports no vision), but the request has some.");
        }
    }
}
