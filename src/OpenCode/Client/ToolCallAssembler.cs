using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>
/// Assembles streamed tool-call deltas by index into whole calls (the id and name come once, the arguments in fragments),
/// and checks each call's arguments are a JSON object. Created only for a stream that carries tool calls.
/// </summary>
internal sealed class ToolCallAssembler
{
    private readonly List<Entry> _calls = new(1);

    public void Add(List<ToolCallDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            var entry = Find(delta.Index);
            if (entry is null)
            {
                entry = new Entry(delta.Index);
                _calls.Add(entry);
            }

            entry.Id ??= delta.Id is { Length: > 0 } ? delta.Id : null;
            entry.Name ??= delta.Name is { Length: > 0 } ? delta.Name : null;
            entry.Arguments.Append(delta.Arguments);
        }
    }

    /// <summary>The call with this index so far (a loop, not a predicate: no closure per delta).</summary>
    private Entry? Find(int index)
    {
        foreach (var call in _calls)
        {
            if (call.Index == index)
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>The whole calls in index order.</summary>
    /// <param name="operation">The operation, for error messages.</param>
    /// <param name="delivered">How many chunks of text the caller already has (they stay delivered when this throws).</param>
    /// <exception cref="OpenCodeInvalidResponseException">A call has no name, or its arguments are not a JSON object.</exception>
    public IReadOnlyList<ToolCall> Build(string operation, int delivered)
    {
        _calls.Sort((a, b) => a.Index.CompareTo(b.Index));
        var calls = new ToolCall[_calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var entry = _calls[i];
            var arguments = entry.Arguments.ToString();
            if (entry.Name is null)
            {
                throw Invalid(operation, delivered, $"tool call {entry.Index} has no function name", arguments);
            }

            calls[i] = new ToolCall(entry.Id ?? $"call_{entry.Index}", entry.Name, CheckArguments(arguments, operation, delivered, entry));
        }

        return calls;
    }

    /// <summary>The calls of a whole (non-streamed) message's <c>tool_calls</c>; <see langword="null"/> when it has none.</summary>
    /// <exception cref="OpenCodeInvalidResponseException">The array is malformed, a call has no name, or its arguments are not a JSON object.</exception>
    public static IReadOnlyList<ToolCall>? FromMessage(JsonElement toolCalls, string operation)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(toolCalls.GetRawText()));
        reader.Read();
        List<ToolCallDelta>? deltas;
        try
        {
            deltas = ToolCallDeltaReader.Read(ref reader);
        }
        catch (JsonException ex)
        {
            throw new OpenCodeInvalidResponseException($"{operation} failed: choices[0].message.{ex.Message}.", Json.Sample(toolCalls), ex);
        }

        if (deltas is null)
        {
            return null;
        }

        var assembler = new ToolCallAssembler();
        assembler.Add(deltas);
        return assembler.Build(operation, 0);
    }

    /// <summary>Checks one whole call's arguments (shared by streamed and non-streamed answers).</summary>
    public static string CheckArguments(string arguments, string operation, int delivered, string name, int index)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return "{}";
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(arguments));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(operation, delivered, $"the arguments of tool call {index} ('{name}') are a JSON {reader.TokenType}, not an object", arguments);
            }

            reader.Skip();
            if (reader.Read())
            {
                throw Invalid(operation, delivered, $"the arguments of tool call {index} ('{name}') have text after the JSON object", arguments);
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(operation, delivered, $"the arguments of tool call {index} ('{name}') are not valid JSON ({ex.Message})", arguments, ex);
        }

        return arguments;
    }

    private static string CheckArguments(string arguments, string operation, int delivered, Entry entry) =>
        CheckArguments(arguments, operation, delivered, entry.Name!, entry.Index);

    private static OpenCodeInvalidResponseException Invalid(string operation, int delivered, string problem, string arguments, Exception? inner = null) =>
        new($"{operation} failed: {problem}; the {delivered} chunk(s) of text before it were delivered.", arguments.Length > 200 ? arguments[..200] : arguments, inner);

    private sealed class Entry(int index)
    {
        public int Index { get; } = index;

        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
