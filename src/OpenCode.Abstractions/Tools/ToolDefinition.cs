using System.Text.Json;

namespace OpenCode;

/// <summary>A function the model may ask the caller to run.</summary>
/// <param name="Name">The function's name, as the model will use it in a <see cref="ToolCall"/>.</param>
/// <param name="Description">What the function does, for the model; <see langword="null"/> for none.</param>
/// <param name="ParametersSchema">The JSON schema of the function's arguments object; <see langword="null"/> for a function without arguments.</param>
public sealed record ToolDefinition(string Name, string? Description = null, JsonElement? ParametersSchema = null);
