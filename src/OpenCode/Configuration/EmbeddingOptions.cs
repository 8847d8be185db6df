using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>How embedding requests are sent.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>
    /// Gets or sets the most inputs sent in one request: a longer list is split into batches sent one after another, each through the
    /// pipeline (limits, quotas, ledger, retries), and the vectors are joined in input order.
    /// </summary>
    /// <value>Defaults to 32; 1 to 2048 (OpenAI's own limit per request).</value>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 32;
}
