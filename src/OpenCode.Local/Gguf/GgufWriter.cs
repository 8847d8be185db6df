using System.Text;

namespace OpenCode.Local.Gguf;

/// <summary>Writes GGUF v3 files: header, metadata, tensor descriptions, and aligned tensor data.</summary>
/// <remarks>Alignment comes from <c>general.alignment</c> when present, else 32, as ggml reads it.</remarks>
internal sealed class GgufWriter
{
    public const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    public const uint Version = 3;

    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<GgufTensor> _tensors = [];

    public GgufWriter Add(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_metadata.Exists(entry => entry.Key == key))
        {
            throw new ArgumentException($"The metadata key '{key}' was already added.", nameof(key));
        }

        _metadata.Add(new(key, value));
        return this;
    }

    public GgufWriter AddTensor(GgufTensor tensor)
    {
        ulong expected = tensor.Dimensions.Aggregate(1UL, (product, dimension) => product * dimension);
        if (expected != (ulong)tensor.Data.LongLength)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' has {tensor.Data.LongLength} values; its dimensions need {expected}.", nameof(tensor));
        }

        _tensors.Add(tensor);
        return this;
    }

    public void Write(Stream stream)
    {
        int alignment = _metadata.Find(entry => entry.Key == "general.alignment").Value is { } value
            ? (int)value.AsInt64()
            : GgufFile.DefaultAlignment;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var entry in _metadata)
        {
            WriteString(writer, entry.Key);
            writer.Write((uint)entry.Value.Type);
            WriteValue(writer, entry.Value);
        }

        long offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Dimensions.Length);
            foreach (ulong dimension in tensor.Dimensions)
            {
                writer.Write(dimension);
            }

            writer.Write((uint)tensor.Type);
            writer.Write((ulong)offset);
            offset = AlignUp(offset + tensor.ByteLength, alignment);
        }

        Pad(writer, alignment);
        foreach (var tensor in _tensors)
        {
            WriteData(writer, tensor);
            Pad(writer, alignment);
        }

        writer.Flush();
    }

    internal static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static void Pad(BinaryWriter writer, int alignment)
    {
        long position = writer.BaseStream.Position;
        for (long i = position; i < AlignUp(position, alignment); i++)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteData(BinaryWriter writer, GgufTensor tensor)
    {
        foreach (float value in tensor.Data)
        {
            if (tensor.Type == GgufTensorType.F16)
            {
                writer.Write((Half)value);
            }
            else
            {
                writer.Write(value);
            }
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValue value)
    {
        if (value.Type != GgufValueType.Array)
        {
            WriteScalar(writer, value.Type, value.Value);
            return;
        }

        var array = (Array)value.Value;
        writer.Write((uint)value.ElementType);
        writer.Write((ulong)array.LongLength);
        foreach (object? element in array)
        {
            WriteScalar(writer, value.ElementType, element!);
        }
    }

    private static void WriteScalar(BinaryWriter writer, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: writer.Write((byte)value); break;
            case GgufValueType.Int8: writer.Write((sbyte)value); break;
            case GgufValueType.UInt16: writer.Write((ushort)value); break;
            case GgufValueType.Int16: writer.Write((short)value); break;
            case GgufValueType.UInt32: writer.Write((uint)value); break;
            case GgufValueType.Int32: writer.Write((int)value); break;
            case GgufValueType.Float32: writer.Write((float)value); break;
            case GgufValueType.Bool: writer.Write((bool)value); break;
            case GgufValueType.String: WriteString(writer, (string)value); break;
            case GgufValueType.UInt64: writer.Write((ulong)value); break;
            case GgufValueType.Int64: writer.Write((long)value); break;
            case GgufValueType.Float64: writer.Write((double)value); break;
            default: throw new NotSupportedException($"GGUF value type {type} cannot be written as a scalar.");
        }
    }
}
