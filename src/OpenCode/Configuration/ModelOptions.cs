using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>Model selection and discovery.</summary>
public sealed class ModelOptions
{
    /// <summary>Gets or sets the model used when a request names none; <see langword="null"/> uses the server's first model.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Gets or sets the models that may be used; empty allows every model the server serves.</summary>
    public IList<string> EnabledModels { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether models are discovered from the server.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool AutoDiscovery { get; set; } = true;

    /// <summary>Gets or sets how long discovered models are cached, in seconds.</summary>
    /// <value>Defaults to 300; 0 to 86400.</value>
    [Range(0, 86400)]
    public int CacheTimeout { get; set; } = 300;

    /// <summary>Gets or sets the server dialect; <c>auto</c> probes the server once to find out.</summary>
    /// <value>Defaults to <c>auto</c>; one of auto, llama.cpp, ollama, vllm, tgi, opencode, openai.</value>
    [AllowedValues("auto", "llama.cpp", "ollama", "vllm", "tgi", "opencode", "openai",
        ErrorMessage = "must be one of auto, llama.cpp, ollama, vllm, tgi, opencode, openai")]
    public string Dialect { get; set; } = "auto";

    /// <summary>
    /// Gets or sets how long Ollama keeps a model in memory after <c>LoadModelAsync</c> (its <c>keep_alive</c>: <c>30s</c>, <c>5m</c>,
    /// <c>1h30m</c>, seconds as a number; <c>-1</c> keeps it; <c>0</c> unloads at once).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: Ollama's own default (5 minutes, or <c>OLLAMA_KEEP_ALIVE</c>).</value>
    [RegularExpression(KeepAlivePattern, ErrorMessage = "must be an Ollama duration such as 30s, 5m, 1h30m, a number of seconds, -1 (forever) or 0 (unload)")]
    public string? KeepAlive { get; set; }

    /// <summary>The form of <see cref="KeepAlive"/>.</summary>
    internal const string KeepAlivePattern = "^(-?[0-9]+|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$";

    /// <summary>Gets a value indicating whether a model may be used: <see cref="EnabledModels"/> is empty or lists it.</summary>
    /// <param name="model">The model id.</param>
    /// <returns><see langword="true"/> when the model is enabled.</returns>
    public bool IsEnabled(string model) => EnabledModels.Count == 0 || EnabledModels.Contains(model, StringComparer.Ordinal);
}
