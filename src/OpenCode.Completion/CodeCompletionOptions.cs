using System.Globalization;

namespace OpenCode.Completion;

/// <summary>Settings of a <see cref="CodeCompletionService"/>: prompt budgets in the model's tokens, defaults, cache and server cache affinity.</summary>
public sealed class CodeCompletionOptions
{
    /// <summary>Gets the most tokens of code before the cursor to send.</summary>
    /// <value>1024.</value>
    public int PrefixTokens { get; init; } = 1024;

    /// <summary>Gets the most tokens of code after the cursor to send.</summary>
    /// <value>256.</value>
    public int SuffixTokens { get; init; } = 256;

    /// <summary>Gets the most tokens of context snippets (other files) to send.</summary>
    /// <value>512.</value>
    public int ContextTokens { get; init; } = 512;

    /// <summary>Gets the most tokens to generate when a request does not say.</summary>
    /// <value>64.</value>
    public int MaxTokens { get; init; } = 64;

    /// <summary>Gets the time limit when a request does not say; <see langword="null"/> for none.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan? TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the model id; <see langword="null"/> uses the provider's default model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the sampling temperature; <see langword="null"/> leaves it to the provider.</summary>
    /// <value>0.2.</value>
    public float? Temperature { get; init; } = 0.2f;

    /// <summary>Gets how many completions the cache keeps (oldest evicted first); 0 turns the cache off.</summary>
    /// <value>256.</value>
    public int CacheEntries { get; init; } = 256;

    /// <summary>Gets how long a cached completion may be served.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets a value indicating whether requests for one document go to one llama-server slot (<c>id_slot</c>, with <c>cache_prompt</c>), so the
    /// server reuses its KV cache of the previous request. Only on llama.cpp's <c>/infill</c>; other servers ignore it.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool SlotAffinity { get; init; } = true;

    /// <summary>Gets the minimum chunk llama-server may reuse from its cache by shifting (<c>n_cache_reuse</c>); 0 sends none (the server's default).</summary>
    /// <value>64.</value>
    public int CacheReuseChunk { get; init; } = 64;

    /// <summary>Checks every setting and names the first one out of range.</summary>
    /// <exception cref="OpenCodeException">INVALID_CONFIGURATION naming the setting and its allowed range.</exception>
    public void Validate()
    {
        Require(PrefixTokens, 1, nameof(PrefixTokens));
        Require(SuffixTokens, 0, nameof(SuffixTokens));
        Require(ContextTokens, 0, nameof(ContextTokens));
        Require(MaxTokens, 1, nameof(MaxTokens));
        Require(CacheEntries, 0, nameof(CacheEntries));
        Require(CacheReuseChunk, 0, nameof(CacheReuseChunk));
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            throw Invalid(nameof(TimeLimit), "must be positive or null");
        }

        if (CacheLifetime <= TimeSpan.Zero)
        {
            throw Invalid(nameof(CacheLifetime), "must be positive");
        }

        if (Temperature is { } t && (t < 0 || t > 2))
        {
            throw Invalid(nameof(Temperature), "must be between 0 and 2");
        }
    }

    private static void Require(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum} (was {value})"));
        }
    }

    private static OpenCodeException Invalid(string name, string rule) =>
        new(OpenCodeErrorCodes.InvalidConfiguration, $"CodeCompletionOptions.{name} {rule}.");
}
