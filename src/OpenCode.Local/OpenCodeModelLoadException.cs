namespace OpenCode.Local;

/// <summary>
/// A GGUF file could not be loaded in this process (code <c>MODEL_LOAD_FAILED</c>): it is missing, truncated or corrupt, its architecture
/// is not supported, the native library does not run on this CPU, or the model and its context need more memory than is available.
/// </summary>
/// <param name="modelPath">The file.</param>
/// <param name="message">What went wrong; names the file and the reason.</param>
/// <param name="innerException">The underlying exception, if any.</param>
public sealed class OpenCodeModelLoadException(string modelPath, string message, Exception? innerException = null)
    : OpenCodeException(OpenCodeErrorCodes.ModelLoadFailed, message, innerException: innerException)
{
    /// <summary>Gets the model file that could not be loaded.</summary>
    public string ModelPath { get; } = modelPath;

    /// <summary>Gets the bytes the model and its context were estimated to need, when memory was the reason.</summary>
    public long? RequiredBytes { get; init; }

    /// <summary>Gets the bytes of memory that were available, when memory was the reason.</summary>
    public long? AvailableBytes { get; init; }
}
