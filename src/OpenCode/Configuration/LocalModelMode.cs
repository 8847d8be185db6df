namespace OpenCode.Configuration;

/// <summary>How direct mode runs the GGUF file of <see cref="OpenCodeOptions.ModelPath"/>.</summary>
public enum LocalModelMode
{
    /// <summary>
    /// Inside this process, on llama.cpp's prebuilt native libraries (the OpenCode.Local package): nothing to build or start.
    /// Requests are decoded one at a time, the others wait in a bounded queue.
    /// </summary>
    InProcess,

    /// <summary>
    /// In a <c>llama-server</c> process the library starts and supervises: for parallel slots (<see cref="LocalServerOptions.Parallel"/>),
    /// Jinja chat templates and tools, or to keep native code out of this process.
    /// </summary>
    Server,
}
