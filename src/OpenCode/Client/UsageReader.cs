using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Reads OpenAI <c>usage</c> and llama.cpp <c>timings</c> objects.</summary>
internal static class UsageReader
{
    public static void ReadUsage(ref Utf8JsonReader reader, ref StreamEvent result)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var usage = result.Usage ??= new StreamUsage();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.PromptTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.CompletionTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                ReadPromptDetails(ref reader, usage);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    public static void ReadTimings(ref Utf8JsonReader reader, ref StreamEvent result)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var usage = result.Usage ??= new StreamUsage();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_n"u8))
            {
                usage.TimingsPromptTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("cache_n"u8))
            {
                usage.TimingsCachedTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("predicted_n"u8))
            {
                usage.TimingsPredictedTokens = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadPromptDetails(ref Utf8JsonReader reader, StreamUsage usage)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                usage.CachedTokens = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
    }
}
