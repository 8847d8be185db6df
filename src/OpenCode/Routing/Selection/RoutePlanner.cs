using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Routing.Health;

namespace OpenCode.Routing.Selection;

/// <summary>Turns a caller's request into the one to route: the model (named, selected by task, or the default) and a context fit.</summary>
internal sealed class RoutePlanner(IReadOnlyList<InstanceState> instances, RoutingOptions options, float? defaultTemperature, ILogger logger)
{
    private readonly ModelSelector _selector = new(options.Selection);
    private readonly ContextFitter _fitter = new(instances, options.ContextOverflow, logger);

    public ValueTask<RoutePlan> PlanAsync(MessageRequest request, string? defaultModel, CancellationToken cancellationToken)
    {
        var model = request.Model;
        string? selected = null;
        var temperature = request.Temperature ?? defaultTemperature;
        if (request.Selection is { } selection)
        {
            var (ruleModel, taskTemperature) = _selector.Select(selection);
            temperature = request.Temperature ?? taskTemperature;
            if (model is null && ruleModel is not null)
            {
                model = selected = ruleModel;
            }
        }

        model ??= defaultModel;
        var routed = model == request.Model && temperature == request.Temperature
            ? request
            : request with { Model = model, Temperature = temperature };
        return _fitter.NeedsCheck(routed, out var window)
            ? _fitter.FitAsync(routed, selected, window, cancellationToken)
            : ValueTask.FromResult(new RoutePlan(routed, selected, 0));
    }

    /// <summary>Gets a value indicating whether some instance is available for the model; used to prefer served models when fitting.</summary>
    internal static bool IsServed(IReadOnlyList<InstanceState> instances, string model) =>
        instances.Any(i => i.Serves(model) && HealthTracker.IsAvailable(i));
}
