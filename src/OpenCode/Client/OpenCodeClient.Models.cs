using System.Net;
using System.Text.Json;
using OpenCode.Models;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    private DiscoveryCache? _discovery;

    /// <summary>Gets the single-flight cache of this client's discovery GETs (see <see cref="DiscoveryCache"/>).</summary>
    internal DiscoveryCache Discovery =>
        _discovery ?? Interlocked.CompareExchange(ref _discovery, new DiscoveryCache(_timeProvider, _options.DiscoveryCacheDuration, CreateDiscoveryStore()), null) ?? _discovery;

    private DiscoveryStore? CreateDiscoveryStore() => _options.DiscoveryStore is { } store
        ? new DiscoveryStore(store, _endpoints.Root.AbsoluteUri + "|" + (CredentialDescription ?? "no credential"), _options.DiscoveryStoreDuration, _timeProvider, _logger)
        : null;

    /// <summary>Lists the models the server serves (<c>GET /v1/models</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models.</returns>
    /// <exception cref="OpenCodeException">MODEL_DISCOVERY_FAILED, AUTHENTICATION_FAILED, INVALID_RESPONSE, or a transport error.</exception>
    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetJsonAsync(_endpoints.Models, OpenCodeErrorCodes.ModelDiscoveryFailed, "Model discovery", optional: false, cancellationToken).ConfigureAwait(false);
        return ModelListParser.Parse(document!.RootElement);
    }

    /// <summary>Reads one model (<c>GET /v1/models/{id}</c>); falls back to the list on servers without that route.</summary>
    /// <param name="id">The model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model.</returns>
    /// <exception cref="OpenCodeException">MODEL_NOT_FOUND when the server does not serve it.</exception>
    public async Task<ModelInfo> GetModelAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        using (var document = await GetJsonAsync(_endpoints.Model(id), OpenCodeErrorCodes.ModelInfoFailed, "Model info", optional: true, cancellationToken).ConfigureAwait(false))
        {
            if (document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out _))
            {
                return ModelListParser.ParseModel(document.RootElement);
            }
        }

        var models = await ListModelsAsync(cancellationToken).ConfigureAwait(false);
        return models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
            ?? throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"Model '{id}' is not served by {_endpoints.Root}; it serves: {string.Join(", ", models.Select(m => m.Id))}.",
                HttpStatusCode.NotFound);
    }

    /// <summary>Reads llama.cpp's <c>/props</c>; <see langword="null"/> when the server does not offer it.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties, or <see langword="null"/>.</returns>
    public async Task<ServerProperties?> GetServerPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetJsonAsync(_endpoints.Props, OpenCodeErrorCodes.ModelInfoFailed, "Server properties", optional: true, cancellationToken).ConfigureAwait(false);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = document.RootElement;
        var settings = Json.Object(root, "default_generation_settings");
        return new ServerProperties
        {
            ContextWindow = Json.Int(settings, "n_ctx") ?? Json.Int(root, "n_ctx"),
            TotalSlots = Json.Int(root, "total_slots"),
            ModelPath = Json.String(root, "model_path"),
            ChatTemplate = Json.String(root, "chat_template"),
            BuildInfo = Json.String(root, "build_info"),
            Role = Json.String(root, "role"),
            Sampling = Json.Object(settings, "params") is { ValueKind: JsonValueKind.Object } sampling
                ? new SamplingDefaults(
                    Json.Float(sampling, "temperature"), Json.Int(sampling, "top_k"), Json.Float(sampling, "top_p"), Json.Float(sampling, "min_p"),
                    Json.Float(sampling, "repeat_penalty"))
                : null,
        };
    }

    /// <summary>Validates the credential with the OpenCode API's <c>/auth/validate</c>; <see langword="null"/> when the server does not offer it.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The result, or <see langword="null"/> when not offered.</returns>
    /// <exception cref="OpenCodeAuthenticationException">The server rejected the credential.</exception>
    public async Task<AuthValidationResult?> ValidateAuthAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetJsonAsync(_endpoints.AuthValidate, OpenCodeErrorCodes.AuthenticationFailed, "Credential validation", optional: true, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        return new AuthValidationResult
        {
            IsValid = Json.Bool(root, "valid") ?? true,
            Subject = Json.String(root, "subject") ?? Json.String(root, "user") ?? Json.String(root, "sub"),
            Raw = root.Clone(),
        };
    }

    /// <summary>Reads the OpenCode API's <c>/usage/stats</c>; <see langword="null"/> when the server does not offer it.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The statistics, or <see langword="null"/> when not offered.</returns>
    public async Task<UsageStats?> GetUsageStatsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetJsonAsync(_endpoints.UsageStats, OpenCodeErrorCodes.UsageStatsFailed, "Usage statistics", optional: true, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        return new UsageStats
        {
            TotalRequests = Json.Long(root, "totalRequests") ?? Json.Long(root, "total_requests"),
            TotalTokens = Json.Long(root, "totalTokens") ?? Json.Long(root, "total_tokens"),
            Raw = root.Clone(),
        };
    }

    /// <summary>Asks the server's <c>/health</c> (falling back to <c>/v1/models</c> where there is none) whether it is ready.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The health; a server that cannot be reached is reported unhealthy, not thrown.</returns>
    public async Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var start = _timeProvider.GetTimestamp();
        foreach (var uri in (Uri[])[_endpoints.Health, _endpoints.Models])
        {
            using var watchdog = StartWatchdog(streaming: false, cancellationToken);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await _http.SendAsync(request, watchdog.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound && uri == _endpoints.Health)
                {
                    continue;
                }

                var status = await HealthStatusAsync(response, watchdog.Token).ConfigureAwait(false);
                return new ServerHealth(response.IsSuccessStatusCode, (int)response.StatusCode, status, _timeProvider.GetElapsedTime(start));
            }
            catch (Exception ex) when ((ex as OpenCodeException ?? TransportErrors.Translate(ex, watchdog, cancellationToken, "Health check", _endpoints.Root)) is OpenCodeException failure)
            {
                return new ServerHealth(false, 0, failure.Message, _timeProvider.GetElapsedTime(start));
            }
        }

        return new ServerHealth(false, 404, "the server offers neither /health nor /v1/models", _timeProvider.GetElapsedTime(start));
    }

    private static async Task<string> HealthStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var error = ServerError.Parse(body);
        if (error.Message is { Length: > 0 } message)
        {
            return message;
        }

        try
        {
            using var document = body is null ? null : JsonDocument.Parse(body);
            return document is not null && Json.String(document.RootElement, "status") is { } status ? status : response.StatusCode.ToString();
        }
        catch (JsonException)
        {
            return response.StatusCode.ToString();
        }
    }

    /// <summary>
    /// GETs a JSON document through the discovery cache; with <paramref name="optional"/>, 404 and 405 mean "not offered" and give <see langword="null"/>.
    /// </summary>
    private async Task<JsonDocument?> GetJsonAsync(Uri uri, string operationCode, string operation, bool optional, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await Discovery.GetAsync(uri.AbsoluteUri, token => FetchDiscoveryAsync(HttpMethod.Get, uri, null, operationCode, operation, token), cancellationToken)
                .ConfigureAwait(false);
            if (body.Length == 0)
            {
                // Not offered, as a probe found; a caller that needs it asks itself, to fail with the server's own answer.
                body = optional ? [] : await FetchJsonBodyAsync(HttpMethod.Get, uri, null, operationCode, operation, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OpenCodeException ex) when (optional && FailureClassification.IsNotOffered(ex))
        {
            return null;
        }
        catch (OpenCodeException ex) when (!FailureClassification.KeepsItsCode(ex) && ex.Code != operationCode)
        {
            throw new OpenCodeException(operationCode, ex.Message, ex.StatusCode, ex.ErrorBody, ex.RetryAfter, ex) { ServerErrorType = ex.ServerErrorType };
        }

        return body.Length == 0 ? null : JsonDocument.Parse(body);
    }

    /// <summary>As <see cref="FetchJsonBodyAsync"/>, with "not offered" (404, 405, 501) answered as an empty body, so that too is shared.</summary>
    private async Task<byte[]> FetchDiscoveryAsync(
        HttpMethod method, Uri uri, ReadOnlyMemory<byte>? content, string operationCode, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchJsonBodyAsync(method, uri, content, operationCode, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCodeException ex) when (FailureClassification.IsNotOffered(ex))
        {
            return [];
        }
    }

    /// <summary>Sends a request whose answer must be JSON (checked here, so only valid answers are shared) and returns the body.</summary>
    private async Task<byte[]> FetchJsonBodyAsync(
        HttpMethod method, Uri uri, ReadOnlyMemory<byte>? content, string operationCode, string operation, CancellationToken cancellationToken)
    {
        using var watchdog = StartWatchdog(streaming: false, cancellationToken);
        using var response = await SendAsync(method, uri, content, false, watchdog, operationCode, operation, cancellationToken).ConfigureAwait(false);
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(watchdog.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, cancellationToken, operation, _endpoints.Root) is { } translated)
        {
            throw translated;
        }

        try
        {
            using var check = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(operation, ex);
        }

        return body;
    }

    private OpenCodeInvalidResponseException InvalidJson(string operation, JsonException ex) =>
        new($"{operation} failed: the response from {_endpoints.Root} is not valid JSON ({ex.Message}).", innerException: ex);
}
