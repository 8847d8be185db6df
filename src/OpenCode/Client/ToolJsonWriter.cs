using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Writes the tool parts of a chat body: <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c>, and the calls and results in the history.</summary>
internal static class ToolJsonWriter
{
    public static void WriteTools(Utf8JsonWriter json, MessageRequest request)
    {
        if (request.Tools.Count > 0)
        {
            json.WriteStartArray("tools");
            for (var i = 0; i < request.Tools.Count; i++)
            {
                WriteTool(json, request.Tools[i], i);
            }

            json.WriteEndArray();
        }

        if (request.ToolChoice is { } choice)
        {
            WriteChoice(json, choice, request.Tools);
        }

        if (request.ParallelToolCalls is { } parallel)
        {
            json.WriteBoolean("parallel_tool_calls", parallel);
        }
    }

    /// <summary>A plain completion has no place for tools: refusing beats sending a prompt whose tools the server never sees.</summary>
    public static void RefuseOutsideChat(MessageRequest request)
    {
        if (request.Tools.Count > 0 || request.Messages.Any(m => m.ToolCalls.Count > 0 || m.ToolCallId is not null))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                "Tools and tool calls need the chat endpoint, but this request goes to a plain completion (CompletionMode.Completion, or a model without a chat template).");
        }
    }

    /// <summary>An assistant message with calls (content <c>null</c> when it has no text, as chat templates expect), or a tool result.</summary>
    public static void WriteToolParts(Utf8JsonWriter json, Message message)
    {
        if (message.ToolCallId is { } callId)
        {
            json.WriteString("content", message.Content);
            json.WriteString("tool_call_id", callId);
            return;
        }

        if (message.Content.Length == 0)
        {
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", message.Content);
        }

        json.WriteStartArray("tool_calls");
        foreach (var call in message.ToolCalls)
        {
            json.WriteStartObject();
            json.WriteString("id", call.Id);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", call.Name);
            json.WriteString("arguments", call.Arguments.Length == 0 ? "{}" : call.Arguments);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter json, ToolDefinition tool, int index)
    {
        if (string.IsNullOrWhiteSpace(tool.Name))
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Tools[{index}].Name is empty; every tool needs a name.");
        }

        if (tool.ParametersSchema is { } schema && schema.ValueKind != JsonValueKind.Object)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest, $"Tools[{index}].ParametersSchema of '{tool.Name}' is a JSON {schema.ValueKind}; a JSON schema object is expected.");
        }

        json.WriteStartObject();
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", tool.Name);
        if (tool.Description is not null)
        {
            json.WriteString("description", tool.Description);
        }

        json.WritePropertyName("parameters");
        if (tool.ParametersSchema is { } parameters)
        {
            parameters.WriteTo(json);
        }
        else
        {
            json.WriteRawValue("""{"type":"object","properties":{}}"""u8);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteChoice(Utf8JsonWriter json, ToolChoice choice, IReadOnlyList<ToolDefinition> tools)
    {
        switch (choice.Kind)
        {
            case ToolChoiceKind.None:
                json.WriteString("tool_choice", "none");
                return;
            case ToolChoiceKind.Auto:
                json.WriteString("tool_choice", "auto");
                return;
        }

        if (tools.Count == 0)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"ToolChoice is {choice.Kind}, but the request has no Tools to call.");
        }

        if (choice.Kind == ToolChoiceKind.Required)
        {
            json.WriteString("tool_choice", "required");
            return;
        }

        if (!tools.Any(t => t.Name == choice.FunctionName))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"ToolChoice names function '{choice.FunctionName}', which is not among the request's Tools ({string.Join(", ", tools.Select(t => t.Name))}).");
        }

        json.WriteStartObject("tool_choice");
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", choice.FunctionName);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
