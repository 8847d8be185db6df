namespace OpenCode.Families;

internal sealed partial class ModelFamily
{
    private static readonly FimTemplate StarCoderFim = new(
        "<fim_prefix>", "<fim_suffix>", "<fim_middle>", ["<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<file_sep>", "<|endoftext|>"]);

    private static readonly FimTemplate CodeLlamaFim = new("<PRE>", "<SUF>", "<MID>", ["<PRE>", "<SUF>", "<MID>", "<EOT>"], spaced: true);

    /// <summary>Gets StarCoder, StarCoder2 and CodeQwen1.5.</summary>
    public static ModelFamily StarCoder { get; } = new("starcoder", "StarCoder", StarCoderFim);

    /// <summary>Gets CodeLlama.</summary>
    public static ModelFamily CodeLlama { get; } = new("codellama", "CodeLlama", CodeLlamaFim);

    /// <summary>Gets WizardCoder (a StarCoder or CodeLlama fine-tune prompted Alpaca style).</summary>
    public static ModelFamily WizardCoder { get; } = new("wizardcoder", "WizardCoder", StarCoderFim, InstructionFormat.Alpaca);

    /// <summary>Gets DeepSeek-Coder.</summary>
    public static ModelFamily DeepSeekCoder { get; } = new("deepseek-coder", "DeepSeek-Coder", new FimTemplate(
        "<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", "<｜end▁of▁sentence｜>"]));

    /// <summary>Gets Qwen2.5-Coder.</summary>
    public static ModelFamily QwenCoder { get; } = new("qwen2.5-coder", "Qwen2.5-Coder", new FimTemplate(
        "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>",
        ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>", "<|im_start|>", "<|im_end|>"])
    {
        Repository = new RepositoryContextFormat("<|repo_name|>", "<|file_sep|>"),
    });

    /// <summary>Gets CodeGemma.</summary>
    public static ModelFamily CodeGemma { get; } = new("codegemma", "CodeGemma", new FimTemplate(
        "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>",
        ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|file_separator|>", "<end_of_turn>", "<eos>"]));

    /// <summary>Gets Codestral.</summary>
    public static ModelFamily Codestral { get; } = new("codestral", "Codestral", new FimTemplate("[PREFIX]", "[SUFFIX]", null, ["[PREFIX]", "[SUFFIX]"], suffixFirst: true));

    /// <summary>Gets general Llama models (no fill-in-the-middle).</summary>
    public static ModelFamily Llama { get; } = new("llama", "Llama", null);

    /// <summary>Gets general Mistral models (no fill-in-the-middle).</summary>
    public static ModelFamily Mistral { get; } = new("mistral", "Mistral", null);

    /// <summary>Gets the family of a model nothing identifies.</summary>
    public static ModelFamily Unknown { get; } = new("unknown", "Unknown", null);

    /// <summary>Gets every known family, most specific first (the order detection tries them in).</summary>
    public static IReadOnlyList<ModelFamily> All { get; } =
        [WizardCoder, CodeLlama, DeepSeekCoder, QwenCoder, CodeGemma, Codestral, StarCoder, Mistral, Llama];

    /// <summary>Finds a family by its <see cref="Id"/>.</summary>
    /// <param name="id">The id, case-insensitive.</param>
    /// <returns>The family, or <see langword="null"/>.</returns>
    public static ModelFamily? FromId(string? id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));
}
