namespace OpenCode.Local.Gguf;

/// <summary>One GGUF metadata value: a scalar, a string, or an array of one of those.</summary>
/// <remarks>
/// Scalars are boxed .NET primitives; arrays are typed .NET arrays (<c>string[]</c>, <c>int[]</c>, <c>float[]</c>...),
/// so a value read from one file can be written to another unchanged.
/// </remarks>
internal sealed class GgufValue
{
    private GgufValue(GgufValueType type, object value, GgufValueType elementType = GgufValueType.UInt8)
    {
        Type = type;
        Value = value;
        ElementType = elementType;
    }

    public GgufValueType Type { get; }

    /// <summary>Gets the element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>.</summary>
    public GgufValueType ElementType { get; }

    public object Value { get; }

    public static GgufValue Of(string value) => new(GgufValueType.String, value);

    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value);

    public static GgufValue Of(int value) => new(GgufValueType.Int32, value);

    public static GgufValue Of(float value) => new(GgufValueType.Float32, value);

    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value);

    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, value);

    public static GgufValue Of(string[] values) => new(GgufValueType.Array, values, GgufValueType.String);

    public static GgufValue Of(int[] values) => new(GgufValueType.Array, values, GgufValueType.Int32);

    public static GgufValue Of(float[] values) => new(GgufValueType.Array, values, GgufValueType.Float32);

    /// <summary>Makes a value of any type; the reader uses it, and tests use it to cover every type.</summary>
    public static GgufValue Create(GgufValueType type, object value) => new(type, value);

    /// <summary>Makes an array value whose elements have <paramref name="elementType"/>.</summary>
    public static GgufValue CreateArray(GgufValueType elementType, Array values) => new(GgufValueType.Array, values, elementType);

    public string AsString() => (string)Value;

    /// <summary>Reads an integer scalar of any width as a <see cref="long"/>.</summary>
    public long AsInt64() => Convert.ToInt64(Value, System.Globalization.CultureInfo.InvariantCulture);

    public T[] AsArray<T>() => (T[])Value;

    public override string ToString() => Type == GgufValueType.Array
        ? $"{ElementType}[{((Array)Value).Length}]"
        : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
