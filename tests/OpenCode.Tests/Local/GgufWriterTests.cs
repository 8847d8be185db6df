using OpenCode.Local.Gguf;

namespace OpenCode.Tests.Local;

public sealed class GgufWriterTests
{
    [Fact]
    public void Write_EveryValueType_ReadsBackTheSameMetadata()
    {
        var writer = new GgufWriter()
            .Add("general.alignment", GgufValue.Of(32u))
            .Add("t.u8", GgufValue.Create(GgufValueType.UInt8, (byte)200))
            .Add("t.i8", GgufValue.Create(GgufValueType.Int8, (sbyte)-7))
            .Add("t.u16", GgufValue.Create(GgufValueType.UInt16, (ushort)65000))
            .Add("t.i16", GgufValue.Create(GgufValueType.Int16, (short)-30000))
            .Add("t.u32", GgufValue.Of(4_000_000_000u))
            .Add("t.i32", GgufValue.Of(-123456))
            .Add("t.f32", GgufValue.Of(1.5f))
            .Add("t.bool", GgufValue.Of(true))
            .Add("t.string", GgufValue.Of("héllo ▁ world"))
            .Add("t.u64", GgufValue.Of(ulong.MaxValue))
            .Add("t.i64", GgufValue.Create(GgufValueType.Int64, long.MinValue))
            .Add("t.f64", GgufValue.Create(GgufValueType.Float64, Math.PI))
            .Add("t.strings", GgufValue.Of(["a", "<0xFF>", "▁the", string.Empty]))
            .Add("t.ints", GgufValue.Of([1, -2, 3]))
            .Add("t.floats", GgufValue.Of([0.25f, -1f]))
            .Add("t.bools", GgufValue.CreateArray(GgufValueType.Bool, new[] { true, false }));

        var (file, _) = GgufTestFiles.WriteAndRead(writer);

        file.Version.ShouldBe(3u);
        file.Metadata.Select(m => m.Key).ShouldBe(
        [
            "general.alignment", "t.u8", "t.i8", "t.u16", "t.i16", "t.u32", "t.i32", "t.f32", "t.bool", "t.string",
            "t.u64", "t.i64", "t.f64", "t.strings", "t.ints", "t.floats", "t.bools",
        ]);
        file.TryGet("t.u8")!.Value.ShouldBe((byte)200);
        file.TryGet("t.i8")!.Value.ShouldBe((sbyte)-7);
        file.TryGet("t.u16")!.Value.ShouldBe((ushort)65000);
        file.TryGet("t.i16")!.Value.ShouldBe((short)-30000);
        file.TryGet("t.u32")!.Value.ShouldBe(4_000_000_000u);
        file.TryGet("t.i32")!.Value.ShouldBe(-123456);
        file.TryGet("t.f32")!.Value.ShouldBe(1.5f);
        file.TryGet("t.bool")!.Value.ShouldBe(true);
        file.TryGet("t.string")!.AsString().ShouldBe("héllo ▁ world");
        file.TryGet("t.u64")!.Value.ShouldBe(ulong.MaxValue);
        file.TryGet("t.i64")!.Value.ShouldBe(long.MinValue);
        file.TryGet("t.f64")!.Value.ShouldBe(Math.PI);
        file.TryGet("t.strings")!.AsArray<string>().ShouldBe(["a", "<0xFF>", "▁the", string.Empty]);
        file.TryGet("t.strings")!.ElementType.ShouldBe(GgufValueType.String);
        file.TryGet("t.ints")!.AsArray<int>().ShouldBe([1, -2, 3]);
        file.TryGet("t.floats")!.AsArray<float>().ShouldBe([0.25f, -1f]);
        file.TryGet("t.bools")!.AsArray<bool>().ShouldBe([true, false]);
    }

    [Fact]
    public void Write_TensorsOfOddSizes_AlignsEveryTensorAndTheDataSection()
    {
        var writer = new GgufWriter()
            .Add("general.alignment", GgufValue.Of(32u))
            .AddTensor(new GgufTensor("a", [3], GgufTensorType.F32, [1f, 2f, 3f]))
            .AddTensor(new GgufTensor("b", [5, 1], GgufTensorType.F16, [0.5f, -0.25f, 2f, 4f, -8f]))
            .AddTensor(new GgufTensor("c", [2, 2], GgufTensorType.F32, [9f, 8f, 7f, 6f]));

        var (file, bytes) = GgufTestFiles.WriteAndRead(writer);

        (file.DataOffset % 32).ShouldBe(0L);
        file.Tensors.Select(t => t.Name).ShouldBe(["a", "b", "c"]);
        file.Tensors.Select(t => t.Offset).ShouldBe([0UL, 32UL, 64UL]);
        file.Tensors[1].Type.ShouldBe((uint)GgufTensorType.F16);
        file.Tensors[1].Dimensions.ShouldBe([5UL, 1UL]);
        GgufTestFiles.ReadTensor(file, bytes, "a").ShouldBe([1f, 2f, 3f]);
        GgufTestFiles.ReadTensor(file, bytes, "b").ShouldBe([0.5f, -0.25f, 2f, 4f, -8f]);
        GgufTestFiles.ReadTensor(file, bytes, "c").ShouldBe([9f, 8f, 7f, 6f]);
        bytes.Length.ShouldBe((int)file.DataOffset + 96);
    }

    [Fact]
    public void Write_StartsWithMagicAndVersion3()
    {
        using var stream = new MemoryStream();

        new GgufWriter().Add("general.name", GgufValue.Of("x")).Write(stream);

        var bytes = stream.ToArray();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("GGUF");
        BitConverter.ToUInt32(bytes, 4).ShouldBe(3u);
        BitConverter.ToUInt64(bytes, 8).ShouldBe(0UL);
        BitConverter.ToUInt64(bytes, 16).ShouldBe(1UL);
    }

    [Fact]
    public void AddTensor_DataNotMatchingDimensions_Throws()
    {
        var writer = new GgufWriter();

        Should.Throw<ArgumentException>(() => writer.AddTensor(new GgufTensor("x", [2, 2], GgufTensorType.F32, [1f])));
    }

    [Fact]
    public void Add_SameKeyTwice_Throws()
    {
        var writer = new GgufWriter().Add("k", GgufValue.Of(1));

        Should.Throw<ArgumentException>(() => writer.Add("k", GgufValue.Of(2)));
    }

    [Fact]
    public void Read_NotGguf_ThrowsInvalidData()
    {
        using var stream = new MemoryStream("this is not a model at all........"u8.ToArray());

        Should.Throw<InvalidDataException>(() => GgufReader.Read(stream)).Message.ShouldContain("Not a GGUF file");
    }
}
