using System.Text.Json;

namespace OpenCode.Client;

/// <summary>
/// Reads the top-level fields of llama.cpp's native stream format (<c>/infill</c>, <c>/completion</c>):
/// <c>content</c>, <c>stop</c> (true on the last event) and <c>stop_type</c> (<c>eos</c>, <c>word</c>, <c>limit</c>).
/// </summary>
internal static class NativeFieldReader
{
    public static bool TryRead(
        ref Utf8JsonReader reader, ref StreamEvent result, ref bool stopped, ref FinishReason? stopType, ReadOnlySpan<byte> data, StreamEventParser parser)
    {
        if (reader.ValueTextEquals("content"u8))
        {
            reader.Read();
            result.Content = parser.ReadText(ref reader, "content", data);
            return true;
        }

        if (reader.ValueTextEquals("stop"u8))
        {
            reader.Read();
            stopped = reader.TokenType == JsonTokenType.True;
            reader.Skip();
            return true;
        }

        if (reader.ValueTextEquals("stop_type"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                // "limit" is n_predict reached; "eos" and "word" (a stop sequence) are natural ends.
                stopType = reader.ValueTextEquals("limit"u8) ? FinishReason.Length : FinishReason.Stop;
            }

            reader.Skip();
            return true;
        }

        return false;
    }
}
