using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace OpenCode.IntegrationTests;

/// <summary>What one streamed chat completion delivered, read with plain HttpClient (no OpenCode client code).</summary>
public sealed record RawChatStream(int ContentChunks, string Content, string? FinishReason, bool SawDone, string? Error);

/// <summary>Talks to a llama-server with raw HTTP so server tests do not depend on the client under test.</summary>
public static class RawChatClient
{
    /// <summary>Makes an HttpClient that never reuses a connection: llama-server closes it after a stream without saying so.</summary>
    public static HttpClient CreateHttpClient()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.ConnectionClose = true;
        return http;
    }

    public static async Task<RawChatStream> StreamChatAsync(
        HttpClient http, Uri baseAddress, string prompt, int maxTokens, CancellationToken cancellationToken, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["messages"] = new[] { new { role = "user", content = prompt } },
            ["max_tokens"] = maxTokens,
            ["stream"] = true,
        };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "v1/chat/completions")) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        int chunks = 0;
        var content = new StringBuilder();
        string? finishReason = null;
        string? error = null;
        bool done = false;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]")
            {
                done = true;
                break;
            }

            using var json = JsonDocument.Parse(item.Data);
            if (json.RootElement.TryGetProperty("error", out var errorElement))
            {
                error = errorElement.ToString();
                break;
            }

            foreach (var choice in json.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    chunks++;
                    content.Append(text.GetString());
                }

                if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
                {
                    finishReason = finish.GetString();
                }
            }
        }

        return new RawChatStream(chunks, content.ToString(), finishReason, done, error);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, Uri baseAddress, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseAddress, path), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.Clone();
    }
}
