using System.Text.Json;

namespace OpenCode.Client;

/// <summary>The parts of a server error body that decide how it is classified.</summary>
/// <param name="Type">The error type, for example <c>exceed_context_size_error</c>.</param>
/// <param name="Code">The error code, when a string (OpenAI's <c>context_length_exceeded</c>).</param>
/// <param name="Message">The server's message.</param>
/// <param name="PromptTokens">llama.cpp's <c>n_prompt_tokens</c>.</param>
/// <param name="ContextWindow">llama.cpp's <c>n_ctx</c>.</param>
internal readonly record struct ServerError(string? Type, string? Code, string? Message, int? PromptTokens, int? ContextWindow)
{
    /// <summary>
    /// Gets the 4xx status the error names, for an error sent inside a 200 answer: its numeric <c>code</c> (llama-server, vLLM), else
    /// the status of its OpenAI error type; <see langword="null"/> for server errors and errors that name none.
    /// </summary>
    public System.Net.HttpStatusCode? ClientErrorStatus { get; init; }

    /// <summary>Gets a value indicating whether the body was a JSON object whose <c>error</c> is a plain text (Ollama's native API).</summary>
    public bool ErrorIsText { get; init; }

    /// <summary>Reads an error body of the OpenAI shape (<c>{"error":{...}}</c>), the bare shape (<c>{"message":...}</c>) or plain text.</summary>
    /// <param name="body">The body.</param>
    /// <param name="mediaType">The body's content type; a body that is not JSON is summarised (<see cref="BodySummary"/>).</param>
    public static ServerError Parse(string? body, string? mediaType = null)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ServerError(null, null, BodySummary.Summarize(body, mediaType), null, null);
            }

            var error = root.TryGetProperty("error", out var inner) ? inner : root;
            if (error.ValueKind == JsonValueKind.String)
            {
                return new ServerError(null, null, error.GetString(), null, null) { ErrorIsText = true };
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            var type = Json.String(error, "type");
            return new ServerError(
                type,
                Json.String(error, "code"),
                Json.String(error, "message") ?? Json.String(root, "detail"),
                Json.Int(error, "n_prompt_tokens"),
                Json.Int(error, "n_ctx"))
            {
                ClientErrorStatus = Json.Int(error, "code") is int code and >= 400 and < 500 ? (System.Net.HttpStatusCode)code : StatusOfType(type),
            };
        }
        catch (JsonException)
        {
            return new ServerError(null, null, BodySummary.Summarize(body, mediaType), null, null);
        }
    }

    private static System.Net.HttpStatusCode? StatusOfType(string? type) => type switch
    {
        "invalid_request_error" or "BadRequestError" => System.Net.HttpStatusCode.BadRequest,
        "authentication_error" => System.Net.HttpStatusCode.Unauthorized,
        "permission_error" => System.Net.HttpStatusCode.Forbidden,
        "not_found_error" or "NotFoundError" => System.Net.HttpStatusCode.NotFound,
        "rate_limit_error" => System.Net.HttpStatusCode.TooManyRequests,
        _ => null,
    };
}
