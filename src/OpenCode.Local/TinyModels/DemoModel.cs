namespace OpenCode.Local.TinyModels;

/// <summary>The CLI's demo model: a tiny random-weight model, made once and cached, so direct mode works with no download.</summary>
/// <remarks>Its answers are random ASCII text; it shows the plumbing (streaming, usage, FIM, chat template), not intelligence.</remarks>
public static class DemoModel
{
    /// <summary>The version of the demo model's recipe; a new version makes a new file.</summary>
    public const int Version = 1;

    /// <summary>The demo model's <c>general.name</c>.</summary>
    public const string Name = "opencode-demo";

    /// <summary>Gets the spec the demo model is made from (fixed seed, built-in vocabulary with StarCoder-style FIM tokens, ChatML template).</summary>
    public static TinyModelSpec Spec { get; } = new()
    {
        Name = Name,
        EmbeddingLength = 128,
        BlockCount = 2,
        HeadCount = 4,
        FeedForwardLength = 256,
        ContextLength = 4096,
        Seed = 20260101,
        Vocabulary = VocabularySource.BuiltIn(FimTokenStyle.StarCoder),
    };

    /// <summary>Returns the path of the demo model, making it first if the cache lacks it.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The path: <c>&lt;cache&gt;/models/opencode-demo-1.gguf</c>.</returns>
    public static Task<string> EnsureAsync(CancellationToken cancellationToken = default) =>
        EnsureAsync(LocalEnvironment.System.CacheRoot, cancellationToken);

    internal static async Task<string> EnsureAsync(string cacheRoot, CancellationToken cancellationToken)
    {
        string directory = Path.Combine(cacheRoot, "models");
        string path = Path.Combine(directory, $"{Name}-{Version}.gguf");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Name}-{Version}.{Path.GetRandomFileName()}.tmp");
        try
        {
            // Making the weights is CPU work (~100 ms); keep it off the caller's thread.
            await Task.Run(() => TinyModelFactory.Write(Spec, temporary), cancellationToken).ConfigureAwait(false);

            // The rename is atomic, so a concurrent caller sees either no file or a whole one.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }
}
