namespace OpenCode.Local.Gguf;

/// <summary>What <see cref="GgufReader"/> found in a GGUF file: its metadata and tensor descriptions.</summary>
/// <param name="Version">The GGUF version.</param>
/// <param name="Metadata">The metadata entries, in file order.</param>
/// <param name="Tensors">The tensor descriptions, in file order.</param>
/// <param name="DataOffset">Where the aligned data section starts in the file.</param>
internal sealed record GgufFile(
    uint Version,
    IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors,
    long DataOffset)
{
    /// <summary>The alignment GGUF uses when <c>general.alignment</c> is absent.</summary>
    public const int DefaultAlignment = 32;

    /// <summary>Gets the alignment of the data section and each tensor.</summary>
    public int Alignment => TryGet("general.alignment") is { } value ? (int)value.AsInt64() : DefaultAlignment;

    /// <summary>Finds a metadata value by key.</summary>
    /// <param name="key">The key, for example <c>general.architecture</c>.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public GgufValue? TryGet(string key)
    {
        foreach (var entry in Metadata)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
