using OpenCode.Local.TinyModels;

namespace OpenCode.Tests.Local.InProcess;

/// <summary>Tiny GGUF files written once for the in-process tests: one with FIM tokens and a ChatML template, one without FIM tokens.</summary>
public sealed class TinyModelFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opencode-inproc-").FullName;

    public TinyModelFiles()
    {
        WithFim = Path.Combine(_directory, "tiny-fim.gguf");
        TinyModelFactory.Write(DemoModel.Spec with { Name = "tiny-fim", EmbeddingLength = 64, FeedForwardLength = 128, ContextLength = 256 }, WithFim);
        WithoutFim = Path.Combine(_directory, "tiny-nofim.gguf");
        TinyModelFactory.Write(new TinyModelSpec { Name = "tiny-nofim", ContextLength = 256, Vocabulary = VocabularySource.BuiltIn(FimTokenStyle.None) }, WithoutFim);
    }

    public string WithFim { get; }

    public string WithoutFim { get; }

    /// <summary>Writes a file in the test directory and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
