namespace OpenCode.Configuration;

/// <summary>One budget: how many requests, tokens or how much cost a period may use, for everything or one endpoint, model or credential.</summary>
public sealed class QuotaBudgetOptions
{
    /// <summary>Gets or sets the period the budget covers.</summary>
    /// <value>Defaults to <see cref="QuotaPeriod.Daily"/>.</value>
    public QuotaPeriod Period { get; set; } = QuotaPeriod.Daily;

    /// <summary>Gets or sets the requests allowed per period, or <see langword="null"/> for no request budget.</summary>
    /// <value>1 or more.</value>
    public long? Requests { get; set; }

    /// <summary>Gets or sets the tokens (prompt and generated) allowed per period, or <see langword="null"/> for no token budget.</summary>
    /// <value>1 or more.</value>
    public long? Tokens { get; set; }

    /// <summary>Gets or sets the cost allowed per period (in the currency of <see cref="OpenCodeOptions.Pricing"/>), or <see langword="null"/> for no cost budget.</summary>
    /// <value>More than 0.</value>
    public decimal? Cost { get; set; }

    /// <summary>Gets or sets the endpoint (instance name) the budget is for, or <see langword="null"/> for all.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the model the budget is for, or <see langword="null"/> for all.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the credential name the budget is for, or <see langword="null"/> for all.</summary>
    public string? Credential { get; set; }
}
