namespace OpenCode.Local;

/// <summary>The parts of the machine the local-server code looks at: environment variables, files, <c>PATH</c>.</summary>
/// <remarks>Injected so tests can check the lookup order without touching the real machine.</remarks>
internal sealed class LocalEnvironment(Func<string, string?> getVariable, Func<string, bool> fileExists)
{
    public static LocalEnvironment System { get; } = new(Environment.GetEnvironmentVariable, File.Exists);

    /// <summary>Gets the cache root: <c>${OPENCODE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/opencode}</c>.</summary>
    public string CacheRoot
    {
        get
        {
            if (NonEmpty("OPENCODE_CACHE_DIR") is { } explicitRoot)
            {
                return explicitRoot;
            }

            string cacheHome = NonEmpty("XDG_CACHE_HOME")
                ?? Path.Combine(NonEmpty("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cacheHome, "opencode");
        }
    }

    /// <summary>Gets where a built llama-server is cached.</summary>
    public string CachedServerPath => Path.Combine(CacheRoot, "llama-server", LlamaCppRelease.Commit, ServerFileName);

    /// <summary>Gets where the vocabulary GGUFs of the llama.cpp source are cached.</summary>
    public string VocabularyDirectory => Path.Combine(CacheRoot, "vocab", LlamaCppRelease.Commit);

    /// <summary>Gets the llama-server file name on this operating system.</summary>
    public static string ServerFileName => OperatingSystem.IsWindows() ? "llama-server.exe" : "llama-server";

    public string? GetVariable(string name) => getVariable(name);

    public bool FileExists(string path) => fileExists(path);

    /// <summary>Finds an executable on <c>PATH</c>.</summary>
    /// <param name="name">The program's name without extension.</param>
    /// <returns>Its full path, or <see langword="null"/>.</returns>
    public string? FindOnPath(string name)
    {
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat"] : [string.Empty];
        foreach (string directory in (GetVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(directory, name + extension);
                if (FileExists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private string? NonEmpty(string name) => GetVariable(name) is { Length: > 0 } value ? value : null;
}
