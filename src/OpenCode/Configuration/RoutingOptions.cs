using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>How requests are spread over <see cref="OpenCodeOptions.Instances"/>; used only when instances are configured.</summary>
public sealed class RoutingOptions
{
    /// <summary>Gets or sets the load-balancing policy that picks among the healthy instances serving a model.</summary>
    /// <value>Defaults to <c>leastOutstanding</c>; one of leastOutstanding, powerOfTwoChoices, latencyWeighted, roundRobin.</value>
    [AllowedValues("leastOutstanding", "powerOfTwoChoices", "latencyWeighted", "roundRobin",
        ErrorMessage = "must be one of leastOutstanding, powerOfTwoChoices, latencyWeighted, roundRobin")]
    public string LoadBalancing { get; set; } = "leastOutstanding";

    /// <summary>Gets or sets the model to fail over to when no instance serving the requested model can answer; <see langword="null"/> for none.</summary>
    public string? FallbackModel { get; set; }

    /// <summary>Gets or sets what to do with a request that does not fit the model's context window.</summary>
    /// <value>
    /// Defaults to <c>largerModel</c> (switch to a served model with a window large enough, else fail); <c>dropOldest</c> drops the
    /// oldest non-system messages; <c>error</c> fails with <see cref="OpenCodeErrorCodes.ContextLengthExceeded"/>.
    /// </value>
    [AllowedValues("largerModel", "dropOldest", "error", ErrorMessage = "must be one of largerModel, dropOldest, error")]
    public string ContextOverflow { get; set; } = "largerModel";

    /// <summary>Gets or sets health probing and passive failure tracking.</summary>
    public HealthCheckOptions Health { get; set; } = new();

    /// <summary>Gets or sets the response cache and offline fallback.</summary>
    public ResponseCacheOptions Cache { get; set; } = new();

    /// <summary>Gets or sets the model selection rules for requests that name a task instead of a model.</summary>
    public ModelSelectionOptions Selection { get; set; } = new();
}
