using OpenCode.Client;
using OpenCode.Families;
using OpenCode.Local;
using OpenCode.Models;
using OpenCode.Resilience;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    private async ValueTask<State> EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_state is { } ready)
        {
            return _localServer is null ? ready : await FollowLocalServerAsync(ready, cancellationToken).ConfigureAwait(false);
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _state ??= await InitializeCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Waits for a restarting local server, and moves to its new address if the restart had to take another port.</summary>
    private async Task<State> FollowLocalServerAsync(State state, CancellationToken cancellationToken)
    {
        await _localServer!.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        if (_localServer.BaseAddress == state.Client.ServerRoot)
        {
            return state;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _state!;
            if (current.Client.ServerRoot != _localServer.BaseAddress)
            {
                current.Manager.Dispose();
                current.Client.Dispose();
                var client = CreateClient(_localServer.BaseAddress);
                _state = current = current with { Client = client, Manager = CreateManager(client) };
            }

            return current;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private OpenCodeClient CreateClient(Uri endpoint) =>
        new(OpenCodeClientOptions.FromOptions(_options, endpoint, _authentication, _stores), _httpClient, _timeProvider, _loggerFactory.CreateLogger("OpenCode.Client"));

    private EndpointResilience CreateResilience(Uri endpoint) =>
        new(_options.Resilience, endpoint, _timeProvider, JitterSource, _loggerFactory.CreateLogger("OpenCode.Resilience"), OnRetry);

    /// <summary>Counts a retry, and lets a server's <c>Retry-After</c> slow the client-side limiter.</summary>
    private void OnRetry(OpenCodeException failure)
    {
        Telemetry.OpenCodeTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", failure.Code));
        if (failure is { Code: OpenCodeErrorCodes.RateLimited, RetryAfter: { } wait })
        {
            _limiter.SlowDown(wait);
        }
    }

    private OpenCodeModelManager CreateManager(OpenCodeClient client) =>
        new(client, _options.Models, _timeProvider, _loggerFactory.CreateLogger("OpenCode.Models"));

    private async Task<State> InitializeCoreAsync(CancellationToken cancellationToken)
    {
        var endpoint = await ResolveEndpointAsync(cancellationToken).ConfigureAwait(false);
        await CreateAuthenticationAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var client = CreateClient(endpoint);
        var manager = CreateManager(client);
        try
        {
            await ValidateCredentialAsync(client, cancellationToken).ConfigureAwait(false);

            IReadOnlyList<ModelInfo> models = [];
            if (_options.Models.AutoDiscovery)
            {
                models = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            }

            var dialect = await manager.GetDialectAsync(cancellationToken).ConfigureAwait(false);
            var properties = dialect == ServerDialects.LlamaCpp ? await client.GetServerPropertiesAsync(cancellationToken).ConfigureAwait(false) : null;
            var model = ChooseDefaultModel(models);
            var info = models.FirstOrDefault(m => m.Id == model);
            var discovered = model is not null && _options.Models.AutoDiscovery
                ? (await manager.GetModelsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.Id == model)
                : null;
            var detection = discovered is not null
                ? new FamilyDetection(ModelFamily.FromId(discovered.Family) ?? ModelFamily.Unknown, discovered.FimTokensInVocabulary)
                : await FamilyProbe.DetectAsync(client, model, info, properties, cancellationToken).ConfigureAwait(false);
            var capabilities = new ProviderCapabilities
            {
                Model = model ?? properties?.ModelPath ?? "(chosen by the server)",
                AvailableModels = [.. models.Select(m => m.Id).Where(IsEnabled)],
                ContextWindow = properties?.ContextWindow ?? discovered?.Capabilities.ContextWindow ?? info?.ContextWindow,
                TrainingContextWindow = info?.TrainingContextWindow,
                SupportsStreaming = _options.Features.Streaming,
                SupportsChat = properties?.ChatTemplate is { } template ? template.Length > 0 : null,
                SupportsFillInTheMiddle = discovered?.Capabilities.CodeCompletion ?? detection.SupportsFim,
                SupportsInfillEndpoint = detection.VocabularyHasFim,
                Family = detection.Family.Id,
                ParallelSlots = properties?.TotalSlots,
                ParameterCount = info?.ParameterCount,
                Dialect = dialect,
                SamplingDefaults = properties?.Sampling,
            };
            ProviderLog.Initialized(_logger, client.ServerRoot, capabilities.Model, capabilities.ContextWindow, capabilities.Dialect);
            return new State(client, capabilities, models, model, detection, manager, CreateResilience(client.ServerRoot));
        }
        catch
        {
            manager.Dispose();
            client.Dispose();
            throw;
        }
    }

    private string? ChooseDefaultModel(IReadOnlyList<ModelInfo> models)
    {
        if (_options.Models.DefaultModel is { Length: > 0 } configured)
        {
            if (models.Count > 0 && !models.Any(m => m.Id == configured))
            {
                throw new OpenCodeException(
                    OpenCodeErrorCodes.ModelNotFound,
                    $"models.defaultModel '{configured}' is not served; the server has: {string.Join(", ", models.Select(m => m.Id))}.");
            }

            return configured;
        }

        return models.FirstOrDefault(m => IsEnabled(m.Id))?.Id
            ?? (models.Count > 0
                ? throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"None of models.enabledModels is served; the server has: {string.Join(", ", models.Select(m => m.Id))}.")
                : null);
    }

    private async Task<Uri> ResolveEndpointAsync(CancellationToken cancellationToken)
    {
        if (_options.ApiEndpoint is { Length: > 0 } configured)
        {
            return new Uri(configured, UriKind.Absolute);
        }

        if (_options.ModelPath is { Length: > 0 } modelPath)
        {
            ProviderLog.StartingLocalServer(_logger, Path.GetFileName(modelPath));
            var startInfo = new LocalLlamaServerStartInfo
            {
                ModelPath = modelPath,
                ModelAlias = Path.GetFileNameWithoutExtension(modelPath),
                Options = _options.LocalServer,
                ApiKey = _options.Auth.ResolveApiKey(),
                BuildProgress = LocalServerBuildProgress,
            };
            _localServer = await LocalLlamaServer.StartAsync(startInfo, _loggerFactory.CreateLogger("OpenCode.LocalServer"), _timeProvider, cancellationToken).ConfigureAwait(false);
            return _localServer.BaseAddress;
        }

        throw new OpenCodeConfigurationException("Neither apiEndpoint nor modelPath is set: set apiEndpoint to a server URL, or modelPath to a local GGUF file.");
    }
}
