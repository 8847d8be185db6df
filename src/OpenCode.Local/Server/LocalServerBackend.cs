using Microsoft.Extensions.Logging;
using OpenCode.Models;
using OpenCode.Pipeline;

namespace OpenCode.Local.Server;

/// <summary>
/// Direct mode's server sub-mode: starts and supervises a <c>llama-server</c> for <c>modelPath</c> on 127.0.0.1, and serves requests
/// through a <see cref="GenerationBackend"/> at its address — a new one when a restart had to take another port.
/// </summary>
internal sealed class LocalServerBackend(LocalLlamaServerStartInfo startInfo, Func<Uri, GenerationBackend> connectTo, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : GenerationBackend
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalLlamaServer? _server;
    private GenerationBackend? _inner;
    private Uri? _address;

    /// <summary>Gets the server, once started.</summary>
    public LocalLlamaServer? Server => _server;

    public override async Task<BackendDescription> ConnectAsync(CancellationToken cancellationToken)
    {
        Provider.ProviderLog.StartingLocalServer(loggerFactory.CreateLogger("OpenCode.Provider"), Path.GetFileName(startInfo.ModelPath));
        _server = await LocalLlamaServer.StartAsync(startInfo, loggerFactory.CreateLogger("OpenCode.LocalServer"), timeProvider, cancellationToken).ConfigureAwait(false);
        _address = _server.BaseAddress;
        _inner = connectTo(_address);
        return await _inner.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    public override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        new DeferredChunks<(LocalServerBackend Backend, GenerationRequest Request)>(
            static async (state, token) => (await state.Backend.FollowServerAsync(token).ConfigureAwait(false)).GenerateAsync(state.Request, token).GetAsyncEnumerator(token),
            (this, request),
            cancellationToken);

    public override async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken) =>
        await (await FollowServerAsync(cancellationToken).ConfigureAwait(false)).ListModelsAsync(cancellationToken).ConfigureAwait(false);

    public override async Task LoadModelAsync(string model, CancellationToken cancellationToken) =>
        await (await FollowServerAsync(cancellationToken).ConfigureAwait(false)).LoadModelAsync(model, cancellationToken).ConfigureAwait(false);

    public override async Task UnloadModelAsync(string model, CancellationToken cancellationToken) =>
        await (await FollowServerAsync(cancellationToken).ConfigureAwait(false)).UnloadModelAsync(model, cancellationToken).ConfigureAwait(false);

    public override async Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        await (await FollowServerAsync(cancellationToken).ConfigureAwait(false)).CheckHealthAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        await (await FollowServerAsync(cancellationToken).ConfigureAwait(false)).TokenizeAsync(text, cancellationToken).ConfigureAwait(false);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(LocalLlamaServer) ? _server : base.GetService(serviceType, serviceKey) ?? _inner?.GetService(serviceType, serviceKey);

    protected override async ValueTask DisposeAsyncCore()
    {
        _inner?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Without waiting: kills the process, as on host exit; DisposeAsync also waits until it is gone.
            _inner?.Dispose();
            _server?.OnHostExit(this, EventArgs.Empty);
        }

        base.Dispose(disposing);
    }

    /// <summary>Waits for a restarting server, and moves to its new address if the restart had to take another port.</summary>
    private async ValueTask<GenerationBackend> FollowServerAsync(CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("The local server is not started.");
        await server.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        if (server.BaseAddress == _address)
        {
            return _inner!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (server.BaseAddress != _address)
            {
                var previous = _inner;
                var next = connectTo(server.BaseAddress);
                await next.ConnectAsync(cancellationToken).ConfigureAwait(false);
                (_inner, _address) = (next, server.BaseAddress);
                previous?.Dispose();
            }

            return _inner!;
        }
        finally
        {
            _gate.Release();
        }
    }
}
