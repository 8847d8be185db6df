using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>All settings of an OpenCode provider; mirrors the OpenCode config schema (<c>docs/opencode.schema.json</c>).</summary>
public sealed class OpenCodeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "OpenCode";

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> OpenCode registers with <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "OpenCode";

    /// <summary>Gets or sets the server's base URL, with or without a trailing <c>/v1</c>; <see langword="null"/> with a <see cref="ModelPath"/> uses direct mode.</summary>
    public string? ApiEndpoint { get; set; }

    /// <summary>Gets or sets a local GGUF model file; with no <see cref="ApiEndpoint"/> the library starts a local llama-server for it.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets how to authenticate to the server.</summary>
    public AuthOptions Auth { get; set; } = new();

    /// <summary>Gets or sets the client-side limits.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Gets or sets when error-rate and latency alerts are raised.</summary>
    public AlertOptions Alerts { get; set; } = new();

    /// <summary>Gets or sets retries with backoff and the circuit breaker.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets the daily and monthly budgets.</summary>
    public QuotaOptions Quotas { get; set; } = new();

    /// <summary>Gets or sets the price of each model's tokens, used where the server reports none.</summary>
    /// <value>Defaults to none: requests to unpriced models cost nothing.</value>
    public IList<ModelPriceOptions> Pricing { get; set; } = [];

    /// <summary>Gets or sets model selection and discovery.</summary>
    public ModelOptions Models { get; set; } = new();

    /// <summary>Gets or sets which features are on.</summary>
    public FeatureOptions Features { get; set; } = new();

    /// <summary>
    /// Gets or sets how many milliseconds to wait for the first token: the response headers and the first streamed chunk (for a
    /// request that is not streamed, the whole answer). A stream that keeps sending is then bounded only by <see cref="IdleTimeout"/>
    /// and, if set, <see cref="MaxRequestDuration"/>.
    /// </summary>
    /// <value>Defaults to 30000; 5000 to 300000.</value>
    [Range(5000, 300000)]
    public int Timeout { get; set; } = 30000;

    /// <summary>Gets or sets the connect timeout in milliseconds.</summary>
    /// <value>Defaults to 10000; 100 to 300000.</value>
    [Range(100, 300000)]
    public int ConnectTimeout { get; set; } = 10000;

    /// <summary>Gets or sets the first-token wait of streamed requests in milliseconds, when it should differ from <see cref="Timeout"/>; <see langword="null"/> uses <see cref="Timeout"/>.</summary>
    /// <value>Defaults to <see langword="null"/>; 100 to 300000.</value>
    [Range(100, 300000)]
    public int? FirstTokenTimeout { get; set; }

    /// <summary>Gets or sets the most milliseconds allowed between two chunks of a stream.</summary>
    /// <value>Defaults to 30000; 100 to 300000.</value>
    [Range(100, 300000)]
    public int IdleTimeout { get; set; } = 30000;

    /// <summary>Gets or sets an overall cap on one request in milliseconds, a full stream included; <see langword="null"/> sets none, so a healthy stream runs to its end.</summary>
    /// <value>Defaults to <see langword="null"/>; 1000 to 86400000.</value>
    [Range(1000, 86_400_000)]
    public int? MaxRequestDuration { get; set; }

    /// <summary>Gets or sets the most bytes one server-sent event (or a whole JSON answer) may have; a larger one fails with INVALID_RESPONSE.</summary>
    /// <value>Defaults to 16777216 (16 MiB); 1024 to 1073741824.</value>
    [Range(1024, 1_073_741_824)]
    public int MaxEventSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the temperature used when a request sets none; <see langword="null"/> lets the server decide.</summary>
    /// <value>Defaults to <see langword="null"/>; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float? DefaultTemperature { get; set; }

    /// <summary>Gets or sets how embedding requests are sent (their batch size).</summary>
    public EmbeddingOptions Embeddings { get; set; } = new();

    /// <summary>Gets or sets how a local llama-server is run in direct mode.</summary>
    public LocalServerOptions LocalServer { get; set; } = new();

    /// <summary>Gets or sets named servers to route requests over; empty (the default) talks to <see cref="ApiEndpoint"/> alone.</summary>
    public IList<InstanceOptions> Instances { get; set; } = [];

    /// <summary>Gets or sets how requests are routed over <see cref="Instances"/>.</summary>
    public RoutingOptions Routing { get; set; } = new();

    /// <summary>Gets or sets per-model profiles: a system prompt, sampling defaults, stop sequences and an answer post-processor per model.</summary>
    /// <value>Defaults to none; the first profile whose <c>model</c> matches a request's model applies.</value>
    public IList<ModelProfileOptions> Profiles { get; set; } = [];

    /// <summary>Describes the main settings; never shows the API key, nor credentials or a query in <see cref="ApiEndpoint"/>.</summary>
    /// <returns>A one-line description, safe to log.</returns>
    public override string ToString() =>
        $"OpenCodeOptions {{ ApiEndpoint = {RedactEndpoint(ApiEndpoint)}, ModelPath = {ModelPath ?? "(none)"}, Auth = {Auth}, " +
        $"DefaultModel = {Models?.DefaultModel ?? "(server's first)"}, Timeout = {Timeout} }}";

    private static string RedactEndpoint(string? endpoint) =>
        string.IsNullOrEmpty(endpoint) ? "(none)"
        : !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? "(not a URI)"
        : uri.UserInfo.Length == 0 && uri.Query.Length == 0 ? endpoint
        : new UriBuilder(uri) { UserName = uri.UserInfo.Length == 0 ? string.Empty : "***", Password = string.Empty, Query = uri.Query.Length == 0 ? string.Empty : "***" }.Uri.ToString();
}
