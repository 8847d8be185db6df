using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Storage;

namespace OpenCode.Routing.Caching;

/// <summary>
/// The exact-match response cache: the key is the SHA-256 of a canonical form of the request (model, mode, messages or prompt,
/// sampling parameters, custom parameters sorted by name); entries live for <c>routing.cache.ttl</c> in an <see cref="IResponseCacheStore"/>.
/// </summary>
internal sealed class ResponseCache(IResponseCacheStore store, ResponseCacheOptions options, TimeProvider time)
{
    /// <summary>Gets a value indicating whether a cached answer may be served while instances are up: deterministic requests only.</summary>
    /// <remarks>
    /// Requests with tools or tool calls are never cached (an answer that asks for calls is a step of a loop, not a reply to replay),
    /// nor those with images or a response format, which the key does not cover.
    /// </remarks>
    public bool ServesOnline(MessageRequest request) => options.Enabled && request.Temperature == 0 && !IsUncacheable(request);

    /// <summary>Gets a value indicating whether the answer is stored: deterministic ones, or every one for offline fallback.</summary>
    public bool Stores(MessageRequest request) => ServesOnline(request) || (options.OfflineFallback && !IsUncacheable(request));

    private static bool IsUncacheable(MessageRequest request) =>
        request.Tools.Count > 0 || request.ResponseFormat is { Kind: not ResponseFormatKind.Text }
        || request.Messages.Any(m => m.ToolCalls.Count > 0 || m.ToolCallId is not null || m.ImageUrls.Count > 0);

    public string KeyFor(MessageRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", request.Model);
            json.WriteString("mode", request.Mode.ToString());
            json.WriteString("prompt", request.Prompt);
            json.WriteStartArray("messages");
            foreach (var message in request.Messages)
            {
                json.WriteStartArray();
                json.WriteStringValue(message.Role.ToString());
                json.WriteStringValue(message.Content);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            WriteNumber(json, "max_tokens", request.MaxTokens);
            WriteNumber(json, "temperature", request.Temperature);
            WriteNumber(json, "top_p", request.TopP);
            WriteNumber(json, "seed", request.Seed);
            json.WriteStartArray("stop");
            foreach (var stop in request.Stop)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
            json.WriteStartObject("extra");
            foreach (var parameter in (request.AdditionalParameters ?? new Dictionary<string, object?>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(parameter.Key);
                AdditionalParameterJson.Write(json, parameter.Key, parameter.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return "opencode:response:" + Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Reads an entry; a failing store is logged and treated as a miss, since the cache must never fail a request.</summary>
    public async Task<CachedAnswer?> GetAsync(string key, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var payload = await store.GetAsync(key, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return payload is null ? null : JsonSerializer.Deserialize(payload, CachedAnswerJsonContext.Default.CachedAnswer);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RouterLog.CacheFailed(logger, exception);
            return null;
        }
    }

    public async Task SetAsync(string key, CachedAnswer answer, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var payload = JsonSerializer.Serialize(answer, CachedAnswerJsonContext.Default.CachedAnswer);
            await store.SetAsync(key, payload, time.GetUtcNow().AddSeconds(options.Ttl), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RouterLog.CacheFailed(logger, exception);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
