namespace OpenCode.Families;

/// <summary>A family of code models: how to ask it to fill in the middle and, without a chat template, how to instruct it.</summary>
internal sealed partial class ModelFamily
{
    private ModelFamily(string id, string name, FimTemplate? fim, InstructionFormat? instructionFormat = null)
    {
        Id = id;
        Name = name;
        Fim = fim;
        InstructionFormat = instructionFormat;
    }

    /// <summary>Gets the family's stable id, as <c>models --json</c> prints it (for example <c>deepseek-coder</c>).</summary>
    public string Id { get; }

    /// <summary>Gets the family's display name.</summary>
    public string Name { get; }

    /// <summary>Gets the fill-in-the-middle format from the family's model card; <see langword="null"/> when the family has none.</summary>
    public FimTemplate? Fim { get; }

    /// <summary>Gets the instruction format for models of the family without a chat template, or <see langword="null"/>.</summary>
    public InstructionFormat? InstructionFormat { get; }

    /// <summary>Gets a value indicating whether the family is known (not <see cref="Unknown"/>).</summary>
    public bool IsKnown => !ReferenceEquals(this, Unknown);

    /// <inheritdoc />
    public override string ToString() => Id;
}
