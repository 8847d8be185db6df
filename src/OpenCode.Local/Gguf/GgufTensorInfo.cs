namespace OpenCode.Local.Gguf;

/// <summary>A tensor's description in a GGUF file.</summary>
/// <param name="Name">The tensor's name, for example <c>token_embd.weight</c>.</param>
/// <param name="Dimensions">ggml's dimensions: the first is the row length.</param>
/// <param name="Type">The ggml type code (0 = f32, 1 = f16, others are quantized types).</param>
/// <param name="Offset">The offset of the data from the start of the data section.</param>
internal sealed record GgufTensorInfo(string Name, ulong[] Dimensions, uint Type, ulong Offset)
{
    /// <summary>Gets the number of elements.</summary>
    public ulong ElementCount => Dimensions.Aggregate(1UL, (product, dimension) => product * dimension);
}
