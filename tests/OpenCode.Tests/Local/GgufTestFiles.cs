using OpenCode.Local.Gguf;

namespace OpenCode.Tests.Local;

/// <summary>Reads tensor values back out of written GGUF bytes, to check what the writer put there.</summary>
internal static class GgufTestFiles
{
    public static (GgufFile File, byte[] Bytes) WriteAndRead(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.Write(stream);
        byte[] bytes = stream.ToArray();
        return (GgufReader.Read(new MemoryStream(bytes)), bytes);
    }

    public static float[] ReadTensor(GgufFile file, byte[] bytes, string name)
    {
        var info = file.Tensors.Single(t => t.Name == name);
        int count = checked((int)info.ElementCount);
        var values = new float[count];
        int start = checked((int)(file.DataOffset + (long)info.Offset));
        for (int i = 0; i < count; i++)
        {
            values[i] = info.Type == (uint)GgufTensorType.F16
                ? (float)BitConverter.ToHalf(bytes, start + (i * 2))
                : BitConverter.ToSingle(bytes, start + (i * 4));
        }

        return values;
    }
}
