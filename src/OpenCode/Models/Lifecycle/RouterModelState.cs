using System.Text.Json;
using OpenCode.Client;

namespace OpenCode.Models.Lifecycle;

/// <summary>One model's <c>status</c> in llama-server's router <c>/models</c>: its state, and the exit code of a failed load.</summary>
internal readonly record struct RouterModelState(ModelLoadState State, int? ExitCode)
{
    public static RouterModelState? From(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var value = Json.String(status, "value");
        if (value == "unloaded" && Json.Bool(status, "failed") == true)
        {
            // The router keeps the flag of the last failed load until the next load starts (then the value is "loading").
            return new RouterModelState(ModelLoadState.Failed, Json.Int(status, "exit_code"));
        }

        ModelLoadState? state = value switch
        {
            "unloaded" => ModelLoadState.Unloaded,
            "loading" => ModelLoadState.Loading,
            "loaded" => ModelLoadState.Loaded,
            "sleeping" => ModelLoadState.Sleeping,
            _ => null,
        };
        return state is { } known ? new RouterModelState(known, null) : null;
    }
}
