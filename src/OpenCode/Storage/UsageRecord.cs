namespace OpenCode.Storage;

/// <summary>One request as the usage ledger records it.</summary>
/// <param name="Id">A unique id, so a record written twice (a retried write) is counted once.</param>
/// <param name="Timestamp">When the request finished.</param>
/// <param name="Endpoint">The instance name or endpoint that served it.</param>
/// <param name="Model">The model that served it.</param>
/// <param name="Credential">The name of the credential used, or <see langword="null"/>.</param>
/// <param name="PromptTokens">The prompt tokens.</param>
/// <param name="CompletionTokens">The generated tokens.</param>
/// <param name="Cost">The cost in the configured currency, or <see langword="null"/> when the model has no price.</param>
/// <param name="ErrorCode">The <see cref="OpenCodeException.Code"/> when the request failed, else <see langword="null"/>.</param>
public sealed record UsageRecord(
    Guid Id,
    DateTimeOffset Timestamp,
    string Endpoint,
    string Model,
    string? Credential,
    long PromptTokens,
    long CompletionTokens,
    decimal? Cost,
    string? ErrorCode = null)
{
    /// <summary>Gets the prompt and generated tokens together.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}
