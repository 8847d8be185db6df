namespace OpenCode.Tests.Configuration;

/// <summary>A config file in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempConfigFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opencode-config-").FullName;

    public TempConfigFile(string json)
    {
        Path = System.IO.Path.Combine(_folder, "opencode.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
