namespace OpenCode.Models;

/// <summary>Whether a model is in memory, where the server says (llama-server's router mode, Ollama, a model run in this process).</summary>
public enum ModelLoadState
{
    /// <summary>On disk, not in memory; a request or a load brings it in.</summary>
    Unloaded,

    /// <summary>Being loaded.</summary>
    Loading,

    /// <summary>In memory and ready.</summary>
    Loaded,

    /// <summary>Loaded, but its weights were released after a while without requests (llama-server <c>--sleep-idle-seconds</c>); the next request wakes it.</summary>
    Sleeping,

    /// <summary>Its last load failed (llama-server's router reports the exit code of the model's process).</summary>
    Failed,
}
