using System.Collections.Concurrent;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;

[assembly: AssemblyFixture(typeof(OpenCode.IntegrationTests.LlamaServerFixture))]

namespace OpenCode.IntegrationTests;

/// <summary>
/// Shared by every integration test that needs a real llama-server: finds the binary, makes tiny models in a temp
/// folder (once per name), starts servers with <see cref="LocalLlamaServer"/> and stops them all at the end.
/// </summary>
/// <remarks>
/// Take it as a constructor parameter (it is an assembly fixture). Call <see cref="RequireServer"/> (or any Start method)
/// first: without a binary the test is skipped, except when <c>CI=true</c>, where it fails.
/// </remarks>
public sealed class LlamaServerFixture : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<string>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<LocalLlamaServer> _servers = [];
    private readonly SemaphoreSlim _sharedGate = new(1, 1);
    private LocalLlamaServer? _shared;

    public LlamaServerFixture()
    {
        try
        {
            ServerPath = new LlamaServerLocator().Locate(new LocalServerOptions());
        }
        catch (OpenCodeException exception)
        {
            LocateError = exception.Message;
        }

        WorkDirectory = Directory.CreateTempSubdirectory("opencode-it-").FullName;
    }

    /// <summary>Gets the llama-server binary, or <see langword="null"/> when none was found.</summary>
    public string? ServerPath { get; }

    /// <summary>Gets the folder models are written to; deleted when the run ends.</summary>
    public string WorkDirectory { get; }

    private string? LocateError { get; }

    /// <summary>Gets the llama-server binary, skipping the test when there is none (failing it when <c>CI=true</c>).</summary>
    public string RequireServer()
    {
        if (ServerPath is not null)
        {
            return ServerPath;
        }

        SkipUnlessCi($"No llama-server binary: {LocateError ?? "none on OPENCODE_LLAMA_SERVER, PATH or in the cache."} Run eng/build-llama-server.sh.");
        return string.Empty;
    }

    /// <summary>Gets a cached llama.cpp vocabulary (see <see cref="VocabularySource.KnownVocabularies"/>), skipping the test when it is missing (failing it when <c>CI=true</c>).</summary>
    public static VocabularySource RequireVocabulary(string name)
    {
        string path = VocabularySource.GetKnownVocabularyPath(name);
        if (!File.Exists(path))
        {
            SkipUnlessCi($"The {name} vocabulary is not cached at {path}; run eng/build-llama-server.sh.");
        }

        return VocabularySource.FromVocabFile(path);
    }

    private static void SkipUnlessCi(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true requires what this test needs. " + reason);
        }

        Assert.Skip(reason);
    }

    /// <summary>Writes a tiny model once per <paramref name="name"/> and returns its path (later calls with the same name reuse it).</summary>
    public string CreateModel(string name, TinyModelSpec spec) =>
        _models.GetOrAdd(name, key => new Lazy<string>(() =>
        {
            string path = Path.Combine(WorkDirectory, key + ".gguf");
            TinyModelFactory.Write(spec with { Name = key }, path);
            return path;
        })).Value;

    /// <summary>Gets the default tiny model (built-in vocabulary, StarCoder FIM tokens, ChatML template, ~0.7 MB).</summary>
    public string DefaultModel => CreateModel("tiny-default", new TinyModelSpec());

    /// <summary>Starts a server for a model; it is stopped when the test run ends, or earlier if the test disposes it.</summary>
    public Task<LocalLlamaServer> StartAsync(string modelPath, LocalServerOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalLlamaServerStartInfo { ModelPath = modelPath, Options = options ?? new LocalServerOptions() }, cancellationToken);

    /// <summary>Starts a server; <see cref="LocalServerOptions.ExecutablePath"/> is set to the located binary when empty.</summary>
    public async Task<LocalLlamaServer> StartAsync(LocalLlamaServerStartInfo startInfo, CancellationToken cancellationToken = default)
    {
        string binary = RequireServer();
        startInfo.Options.ExecutablePath ??= binary;
        var server = await LocalLlamaServer.StartAsync(startInfo, cancellationToken: cancellationToken);
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// Gets one server for the default model with 4 slots, started on first use and shared by every test that asks:
    /// for tests that only send requests. Never kill or dispose it; start your own with <see cref="StartAsync(string, LocalServerOptions?, CancellationToken)"/> for that.
    /// </summary>
    public async Task<LocalLlamaServer> GetSharedServerAsync(CancellationToken cancellationToken = default)
    {
        await _sharedGate.WaitAsync(cancellationToken);
        try
        {
            _shared ??= await StartAsync(DefaultModel, new LocalServerOptions { Parallel = 4 }, cancellationToken);
            await _shared.EnsureRunningAsync(cancellationToken);
            return _shared;
        }
        finally
        {
            _sharedGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _sharedGate.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
