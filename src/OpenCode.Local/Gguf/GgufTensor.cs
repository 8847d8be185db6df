namespace OpenCode.Local.Gguf;

/// <summary>A tensor to write: its name, ggml dimensions (row length first), storage type and f32 values.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dimensions">ggml's dimensions: the first is the row length.</param>
/// <param name="Type">How the values are stored; f16 halves the size.</param>
/// <param name="Data">The values, row after row; converted to the storage type when written.</param>
internal sealed record GgufTensor(string Name, ulong[] Dimensions, GgufTensorType Type, float[] Data)
{
    /// <summary>Gets the number of bytes the data takes on disk.</summary>
    public long ByteLength => Data.LongLength * (Type == GgufTensorType.F16 ? 2 : 4);
}
