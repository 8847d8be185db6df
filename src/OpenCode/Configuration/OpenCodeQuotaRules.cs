namespace OpenCode.Configuration;

/// <summary>The rules for <c>quotas</c> and <c>pricing</c>: budgets that limit something, prices that are not negative, one price per model.</summary>
internal static class OpenCodeQuotaRules
{
    internal static void Check(OpenCodeOptions options, List<string> errors)
    {
        var budgets = options.Quotas?.Budgets ?? [];
        for (var i = 0; i < budgets.Count; i++)
        {
            if (budgets[i] is not { } budget)
            {
                continue; // reported by the annotation walk
            }

            var path = $"quotas.budgets[{i}]";
            if (budget.Requests is null && budget.Tokens is null && budget.Cost is null)
            {
                errors.Add($"{path}: sets no limit; set requests, tokens or cost");
            }

            AtLeast(errors, $"{path}.requests", budget.Requests, 1);
            AtLeast(errors, $"{path}.tokens", budget.Tokens, 1);
            if (budget.Cost is <= 0m)
            {
                errors.Add($"{path}.cost: {budget.Cost} is out of range; allowed more than 0");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prices = options.Pricing ?? [];
        for (var i = 0; i < prices.Count; i++)
        {
            if (prices[i] is not { } price)
            {
                continue;
            }

            var path = $"pricing[{i}]";
            if (string.IsNullOrWhiteSpace(price.Model))
            {
                errors.Add($"{path}.model: must be set to the model's name");
            }
            else if (!seen.Add(price.Model))
            {
                errors.Add($"{path}.model: '{price.Model}' is priced twice");
            }

            AtLeast(errors, $"{path}.inputPer1M", price.InputPer1M, 0m);
            AtLeast(errors, $"{path}.outputPer1M", price.OutputPer1M, 0m);
        }
    }

    private static void AtLeast<T>(List<string> errors, string path, T? value, T minimum)
        where T : struct, IComparable<T>
    {
        if (value is { } v && v.CompareTo(minimum) < 0)
        {
            errors.Add($"{path}: {ConfigurationErrorText.Show(path, v)} is out of range; allowed {ConfigurationErrorText.Show(path, minimum)} or more");
        }
    }
}
