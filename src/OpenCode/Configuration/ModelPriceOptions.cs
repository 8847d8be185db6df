namespace OpenCode.Configuration;

/// <summary>What one model's tokens cost, for models whose server reports no pricing.</summary>
/// <remarks>A list entry rather than a key: model names such as <c>qwen2.5-coder:7b</c> hold the configuration key separator.</remarks>
public sealed class ModelPriceOptions
{
    /// <summary>Gets or sets the model name, as requests name it.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the cost of one million prompt tokens.</summary>
    /// <value>Defaults to 0; 0 or more.</value>
    public decimal InputPer1M { get; set; }

    /// <summary>Gets or sets the cost of one million generated tokens.</summary>
    /// <value>Defaults to 0; 0 or more.</value>
    public decimal OutputPer1M { get; set; }
}
