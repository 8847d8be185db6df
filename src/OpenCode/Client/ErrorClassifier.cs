using System.Net;

namespace OpenCode.Client;

/// <summary>Turns a failed HTTP response into the right <see cref="OpenCodeException"/>, by status and error type only.</summary>
internal static class ErrorClassifier
{
    public static OpenCodeException FromResponse(
        string operationCode, string operation, HttpStatusCode status, string? body, TimeSpan? retryAfter, Uri endpoint, string? credential = null, string? mediaType = null)
    {
        var error = ServerError.Parse(body, mediaType);
        return Classify(operationCode, operation, status, error, body, retryAfter, $"{endpoint.GetLeftPart(UriPartial.Path)} answered {(int)status} ({status})", credential);
    }

    private static OpenCodeException Classify(
        string operationCode, string operation, HttpStatusCode status, ServerError error, string? body, TimeSpan? retryAfter, string where, string? credential)
    {
        var detail = error.Message is { Length: > 0 } message ? $": {message}" : ".";
        var serverType = error.Type ?? error.Code;

        if (IsContextLengthError(error))
        {
            var sizes = error.PromptTokens is { } prompt && error.ContextWindow is { } ctx
                ? $" The prompt has {prompt} tokens; the context window is {ctx}."
                : string.Empty;
            return new OpenCodeContextLengthException($"{operation} failed: the prompt does not fit the model's context window.{sizes} {where}{detail}", status, body)
            {
                PromptTokens = error.PromptTokens,
                ContextWindow = error.ContextWindow,
                ServerErrorType = serverType,
            };
        }

        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new OpenCodeAuthenticationException($"{operation} failed: {Rejected(credential)}. {where}{detail}", status, body) { ServerErrorType = serverType },
            HttpStatusCode.TooManyRequests =>
                new OpenCodeRateLimitException($"{operation} failed: rate limited. {where}{detail}", status, body, retryAfter) { ServerErrorType = serverType },
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest when IsModelNotFound(operationCode, status, error) =>
                new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"{operation} failed: the model was not found. {where}{detail}", status, body) { ServerErrorType = serverType },
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity =>
                new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"{operation} failed: the server rejected the request. {where}{detail}", status, body) { ServerErrorType = serverType },
            HttpStatusCode.RequestTimeout =>
                new OpenCodeException(OpenCodeErrorCodes.Timeout, $"{operation} failed: the server timed the request out. {where}{detail}", status, body, retryAfter) { ServerErrorType = serverType },
            HttpStatusCode.NotImplemented =>
                new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, $"{operation} failed: the server does not offer this. {where}{detail}", status, body) { ServerErrorType = serverType },
            >= HttpStatusCode.InternalServerError =>
                new OpenCodeException(OpenCodeErrorCodes.ServerError, $"{operation} failed: server error. {where}{detail}", status, body, retryAfter) { ServerErrorType = serverType },
            _ => new OpenCodeException(operationCode, $"{operation} failed. {where}{detail}", status, body, retryAfter) { ServerErrorType = serverType },
        };
    }

    /// <summary>
    /// An error event inside an HTTP 200 stream (<c>data: {"error":...}</c>), or a 200 answer that is an error object. Before any
    /// output, an error naming a 4xx status (a numeric <c>code</c>, or the OpenAI error type of one) is the server refusing the
    /// request inside a 200 answer — vLLM's <c>{"object":"error",...,"code":400}</c>: it is classified as that status would be, so it
    /// is neither retried as an interrupted stream nor counted against the instance's circuit. Anything else ends the stream as
    /// STREAM_INTERRUPTED with the chunks already delivered.
    /// </summary>
    public static OpenCodeException FromStreamError(string operationCode, string operation, string errorJson, int chunksDelivered, string? credential = null)
    {
        var error = ServerError.Parse(errorJson);
        if (IsContextLengthError(error))
        {
            return new OpenCodeContextLengthException($"{operation} failed mid-stream: the context window is full.", errorBody: errorJson)
            {
                PromptTokens = error.PromptTokens,
                ContextWindow = error.ContextWindow,
                ServerErrorType = error.Type ?? error.Code,
            };
        }

        if (chunksDelivered == 0 && error.ClientErrorStatus is { } refused)
        {
            return Classify(operationCode, operation, refused, error, errorJson, retryAfter: null, $"The server answered 200 with a {(int)refused} ({refused}) error", credential);
        }

        var detail = error.Message is { Length: > 0 } message ? $": {message}" : ".";
        return new OpenCodeStreamInterruptedException(
            $"{operation} failed: the server reported an error after {chunksDelivered} chunk(s) and ended the stream{detail}", chunksDelivered, errorJson)
        {
            ServerErrorType = error.Type ?? error.Code,
        };
    }

    /// <summary>
    /// A generation or model lookup the server refused for its model: OpenAI's <c>model_not_found</c> code (404, or 400 from proxies
    /// such as LiteLLM), or on a 404 the not-found type of Ollama (<c>not_found_error</c>) and vLLM (<c>NotFoundError</c>).
    /// </summary>
    private static bool IsModelNotFound(string operationCode, HttpStatusCode status, ServerError error) =>
        operationCode is OpenCodeErrorCodes.ChatCompletionFailed or OpenCodeErrorCodes.CompletionFailed or OpenCodeErrorCodes.ModelInfoFailed
        && (error.Code is "model_not_found" || error.Type is "model_not_found"
            || (status == HttpStatusCode.NotFound && error.Type is "not_found_error" or "NotFoundError"));

    /// <summary>
    /// Ollama's native API (<c>/api/generate</c>, <c>/api/embed</c>) answers a model it does not have with 404 and a JSON error text
    /// (<c>{"error":"model \"x\" not found, try pulling it first"}</c>): MODEL_NOT_FOUND naming the model. Any other failure is returned
    /// as it is; a 404 without that body (a plain-text 404 from an Ollama too old for the endpoint) is not about the model. Other
    /// servers answer unknown routes with the same shape (LM Studio), so only calls known to reach Ollama ask this.
    /// </summary>
    public static OpenCodeException OllamaUnknownModel(OpenCodeException error, string operation, string? model) =>
        error.StatusCode == HttpStatusCode.NotFound && error.Code != OpenCodeErrorCodes.ModelNotFound && ServerError.Parse(error.ErrorBody).ErrorIsText
            ? new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"{operation} failed: Ollama does not have model '{model}'. {error.Message}", error.StatusCode, error.ErrorBody)
            : error;

    private static bool IsContextLengthError(ServerError error) =>
        error.Type is "exceed_context_size_error" || error.Code is "context_length_exceeded" or "exceed_context_size_error";

    private static string Rejected(string? credential) =>
        credential is null ? "the server wants a credential and none is configured (see docs/auth.md)" : $"the server rejected the {credential}";
}
