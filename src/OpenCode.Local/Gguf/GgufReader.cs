using System.Text;

namespace OpenCode.Local.Gguf;

/// <summary>Reads a GGUF file's header, metadata and tensor descriptions (not the tensor data).</summary>
internal static class GgufReader
{
    public static GgufFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    public static GgufFile Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        uint magic = reader.ReadUInt32();
        if (magic != GgufWriter.Magic)
        {
            throw new InvalidDataException($"Not a GGUF file (magic 0x{magic:X8}).");
        }

        uint version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"GGUF version {version} is not supported.");
        }

        ulong tensorCount = reader.ReadUInt64();
        ulong metadataCount = reader.ReadUInt64();
        var metadata = new List<KeyValuePair<string, GgufValue>>((int)Math.Min(metadataCount, 4096));
        for (ulong i = 0; i < metadataCount; i++)
        {
            string key = ReadString(reader);
            var type = (GgufValueType)reader.ReadUInt32();
            metadata.Add(new(key, ReadValue(reader, type)));
        }

        var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 65536));
        for (ulong i = 0; i < tensorCount; i++)
        {
            string name = ReadString(reader);
            uint dimensionCount = reader.ReadUInt32();
            var dimensions = new ulong[dimensionCount];
            for (int d = 0; d < dimensions.Length; d++)
            {
                dimensions[d] = reader.ReadUInt64();
            }

            tensors.Add(new GgufTensorInfo(name, dimensions, reader.ReadUInt32(), reader.ReadUInt64()));
        }

        var file = new GgufFile(version, metadata, tensors, 0);
        return file with { DataOffset = GgufWriter.AlignUp(stream.Position, file.Alignment) };
    }

    private static string ReadString(BinaryReader reader)
    {
        ulong length = reader.ReadUInt64();
        if (length > int.MaxValue)
        {
            throw new InvalidDataException($"A GGUF string claims {length} bytes.");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    private static GgufValue ReadValue(BinaryReader reader, GgufValueType type)
    {
        if (type != GgufValueType.Array)
        {
            return GgufValue.Create(type, ReadScalar(reader, type));
        }

        var elementType = (GgufValueType)reader.ReadUInt32();
        ulong count = reader.ReadUInt64();
        if (elementType == GgufValueType.Array || count > int.MaxValue)
        {
            throw new InvalidDataException($"A GGUF array of {elementType} with {count} elements is not supported.");
        }

        var array = NewArray(elementType, (int)count);
        for (int i = 0; i < array.Length; i++)
        {
            array.SetValue(ReadScalar(reader, elementType), i);
        }

        return GgufValue.CreateArray(elementType, array);
    }

    private static object ReadScalar(BinaryReader reader, GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => reader.ReadByte(),
        GgufValueType.Int8 => reader.ReadSByte(),
        GgufValueType.UInt16 => reader.ReadUInt16(),
        GgufValueType.Int16 => reader.ReadInt16(),
        GgufValueType.UInt32 => reader.ReadUInt32(),
        GgufValueType.Int32 => reader.ReadInt32(),
        GgufValueType.Float32 => reader.ReadSingle(),
        GgufValueType.Bool => reader.ReadBoolean(),
        GgufValueType.String => ReadString(reader),
        GgufValueType.UInt64 => reader.ReadUInt64(),
        GgufValueType.Int64 => reader.ReadInt64(),
        GgufValueType.Float64 => reader.ReadDouble(),
        _ => throw new InvalidDataException($"Unknown GGUF value type {(uint)type}."),
    };

    // Typed arrays made by name rather than Array.CreateInstance(Type), which native AOT cannot promise for every element type.
    private static Array NewArray(GgufValueType type, int count) => type switch
    {
        GgufValueType.UInt8 => new byte[count],
        GgufValueType.Int8 => new sbyte[count],
        GgufValueType.UInt16 => new ushort[count],
        GgufValueType.Int16 => new short[count],
        GgufValueType.UInt32 => new uint[count],
        GgufValueType.Int32 => new int[count],
        GgufValueType.Float32 => new float[count],
        GgufValueType.Bool => new bool[count],
        GgufValueType.String => new string[count],
        GgufValueType.UInt64 => new ulong[count],
        GgufValueType.Int64 => new long[count],
        GgufValueType.Float64 => new double[count],
        _ => throw new InvalidDataException($"Unknown GGUF value type {(uint)type}."),
    };
}
