using System.Globalization;
using System.Text.Json;
using OpenCode.Configuration;

namespace OpenCode.Quotas;

/// <summary>Prices requests: with the pricing the server reports for a model where it does, else with the configured <c>pricing</c>.</summary>
internal sealed class CostCalculator
{
    private readonly Dictionary<string, ModelPrice> _configured;

    /// <summary>Initializes a new instance of the <see cref="CostCalculator"/> class.</summary>
    /// <param name="pricing">The configured prices (<see cref="OpenCodeOptions.Pricing"/>).</param>
    public CostCalculator(IEnumerable<ModelPriceOptions> pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        _configured = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var price in pricing)
        {
            _configured[price.Model] = new ModelPrice(price.InputPer1M, price.OutputPer1M);
        }
    }

    /// <summary>Returns the cost of a request, or <see langword="null"/> when the model has no price.</summary>
    /// <param name="model">The model that served the request.</param>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The generated tokens.</param>
    /// <param name="serverPricing">The model's <c>pricing</c> object from the server's metadata (<see cref="Models.ModelMetadata.Pricing"/>), if any.</param>
    /// <returns>The cost, or <see langword="null"/>.</returns>
    public decimal? Calculate(string model, long promptTokens, long completionTokens, JsonElement? serverPricing = null) =>
        GetPrice(model, serverPricing)?.CostOf(promptTokens, completionTokens);

    /// <summary>Returns a model's price: the server's when its metadata has a readable one, else the configured one.</summary>
    /// <param name="model">The model.</param>
    /// <param name="serverPricing">The server's <c>pricing</c> object, if any.</param>
    /// <returns>The price, or <see langword="null"/> when neither source prices the model.</returns>
    /// <remarks>
    /// The server's object is read as cost per million tokens: <c>inputPer1M</c>/<c>outputPer1M</c>, or <c>input</c>/<c>output</c>,
    /// or <c>prompt</c>/<c>completion</c>; numbers or numeric strings.
    /// </remarks>
    public ModelPrice? GetPrice(string model, JsonElement? serverPricing = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (serverPricing is { ValueKind: JsonValueKind.Object } pricing
            && Read(pricing, "inputPer1M", "input", "prompt") is { } input
            && Read(pricing, "outputPer1M", "output", "completion") is { } output)
        {
            return new ModelPrice(input, output);
        }

        return _configured.TryGetValue(model, out var price) ? price : null;
    }

    private static decimal? Read(JsonElement pricing, params string[] names)
    {
        foreach (var name in names)
        {
            if (!pricing.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0)
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String
                && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            {
                return parsed;
            }
        }

        return null;
    }
}
