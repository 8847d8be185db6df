using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>Daily and monthly budgets, checked against the usage ledger before each request.</summary>
public sealed class QuotaOptions
{
    /// <summary>Gets or sets the budgets; a request must fit every budget that applies to it.</summary>
    /// <value>Defaults to none.</value>
    public IList<QuotaBudgetOptions> Budgets { get; set; } = [];

    /// <summary>Gets or sets the share of a budget, in percent, at which a warning alert is raised; a used-up budget raises a critical one.</summary>
    /// <value>Defaults to 80; 1 to 99.</value>
    [Range(1, 99)]
    public int WarningPercent { get; set; } = 80;
}
