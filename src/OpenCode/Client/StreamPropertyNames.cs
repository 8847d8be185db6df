using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Names the JSON property a stream event's reader is on.</summary>
internal static class StreamPropertyNames
{
    private static readonly (string Name, StreamProperty Property)[] EscapableNames =
    [
        ("text", StreamProperty.Text), ("model", StreamProperty.Model), ("delta", StreamProperty.Delta), ("usage", StreamProperty.Usage), ("error", StreamProperty.Error), ("index", StreamProperty.Index), ("stop", StreamProperty.Stop), ("stop_type", StreamProperty.StopType),
        ("choices", StreamProperty.Choices), ("content", StreamProperty.Content), ("timings", StreamProperty.Timings), ("message", StreamProperty.Message),
        ("reasoning", StreamProperty.Reasoning), ("tool_calls", StreamProperty.ToolCalls), ("finish_reason", StreamProperty.FinishReason),
        ("reasoning_content", StreamProperty.ReasoningContent), ("object", StreamProperty.Object), ("id", StreamProperty.Id), ("created", StreamProperty.Created),
    ];

    /// <summary>Names the property the reader is on, by length then bytes: one comparison for most names instead of a chain.</summary>
    public static StreamProperty Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ClassifyEscaped(ref reader);
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => StreamProperty.Id,
            4 when name.SequenceEqual("text"u8) => StreamProperty.Text,
            4 when name.SequenceEqual("stop"u8) => StreamProperty.Stop,
            5 when name.SequenceEqual("model"u8) => StreamProperty.Model,
            5 when name.SequenceEqual("delta"u8) => StreamProperty.Delta,
            5 when name.SequenceEqual("usage"u8) => StreamProperty.Usage,
            5 when name.SequenceEqual("error"u8) => StreamProperty.Error,
            5 when name.SequenceEqual("index"u8) => StreamProperty.Index,
            6 when name.SequenceEqual("object"u8) => StreamProperty.Object,
            7 when name.SequenceEqual("choices"u8) => StreamProperty.Choices,
            7 when name.SequenceEqual("created"u8) => StreamProperty.Created,
            7 when name.SequenceEqual("content"u8) => StreamProperty.Content,
            7 when name.SequenceEqual("timings"u8) => StreamProperty.Timings,
            7 when name.SequenceEqual("message"u8) => StreamProperty.Message,
            9 when name.SequenceEqual("reasoning"u8) => StreamProperty.Reasoning,
            9 when name.SequenceEqual("stop_type"u8) => StreamProperty.StopType,
            10 when name.SequenceEqual("tool_calls"u8) => StreamProperty.ToolCalls,
            13 when name.SequenceEqual("finish_reason"u8) => StreamProperty.FinishReason,
            17 when name.SequenceEqual("reasoning_content"u8) => StreamProperty.ReasoningContent,
            _ => StreamProperty.Other,
        };
    }

    public static StreamProperty ClassifyEscaped(ref Utf8JsonReader reader)
    {
        foreach (var (name, property) in EscapableNames)
        {
            if (reader.ValueTextEquals(name))
            {
                return property;
            }
        }

        return StreamProperty.Other;
    }
}
