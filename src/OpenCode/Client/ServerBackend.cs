using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenCode.Auth;
using OpenCode.Configuration;
using OpenCode.Families;
using OpenCode.Models;
using OpenCode.Models.Lifecycle;
using OpenCode.Pipeline;
using OpenCode.Provider;
using OpenCode.Storage;

namespace OpenCode.Client;

/// <summary>
/// The terminal stage for an OpenAI-compatible server: connects (credentials, validation, models, dialect, properties, family),
/// then sends each request on the wire — streamed, or as one answer when <c>features.streaming</c> is off (infill always streams).
/// </summary>
internal sealed class ServerBackend(
    EndpointSettings settings, Uri endpoint, HttpClient? httpClient, AuthenticationSource authentication, OpenCodeStores stores, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : GenerationBackend
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("OpenCode.Provider");
    private OpenCodeClient? _client;
    private OpenCodeModelManager? _manager;
    private IModelLifecycle? _lifecycle;

    /// <summary>Gets the wire client, once connected.</summary>
    public OpenCodeClient Client => _client ?? throw new InvalidOperationException("The backend is not connected.");

    public override async Task<BackendDescription> ConnectAsync(CancellationToken cancellationToken)
    {
        var auth = await authentication.GetAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var client = _client = new OpenCodeClient(OpenCodeClientOptions.FromSettings(settings, endpoint, auth, stores), httpClient, timeProvider, loggerFactory.CreateLogger("OpenCode.Client"));
        var manager = _manager = new OpenCodeModelManager(client, settings.Models, timeProvider, loggerFactory.CreateLogger("OpenCode.Models"));
        await ValidateCredentialAsync(client, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<ModelInfo> models = settings.Models.AutoDiscovery ? await client.ListModelsAsync(cancellationToken).ConfigureAwait(false) : [];
        var dialect = await manager.GetDialectAsync(cancellationToken).ConfigureAwait(false);
        var properties = dialect == ServerDialects.LlamaCpp ? await client.GetServerPropertiesAsync(cancellationToken).ConfigureAwait(false) : null;
        _lifecycle = dialect == ServerDialects.Ollama ? new OllamaLifecycle(client, settings.Models.KeepAlive)
            : properties is { IsRouter: true } ? new LlamaRouterLifecycle(client, timeProvider, TimeSpan.FromMilliseconds(settings.Shared.LocalServer.StartupTimeout))
            : null;
        var model = ChooseDefaultModel(models);
        var info = models.FirstOrDefault(m => m.Id == model);
        var discovered = model is not null && settings.Models.AutoDiscovery
            ? (await manager.GetModelsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.Id == model)
            : null;
        var detection = discovered is not null
            ? new FamilyDetection(ModelFamily.FromId(discovered.Family) ?? ModelFamily.Unknown, discovered.FimTokensInVocabulary)
            : await FamilyProbe.DetectAsync(client, model, info, properties, cancellationToken).ConfigureAwait(false);
        var capabilities = new ProviderCapabilities
        {
            Model = model ?? properties?.ModelPath ?? "(chosen by the server)",
            AvailableModels = [.. models.Select(m => m.Id).Where(settings.Models.IsEnabled)],
            // A router's own /props has n_ctx 0: its models run in processes of their own.
            ContextWindow = (properties?.ContextWindow is > 0 ? properties.ContextWindow : null) ?? discovered?.Capabilities.ContextWindow ?? info?.ContextWindow,
            TrainingContextWindow = info?.TrainingContextWindow,
            SupportsStreaming = settings.Shared.Features.Streaming,
            SupportsVision = discovered?.Capabilities.Multimodal,
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
        return new BackendDescription(client.ServerRoot, capabilities, models, model);
    }

    public override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        request.Kind == GenerationKind.Infill || settings.Shared.Features.Streaming
            ? Client.StreamAsync(request, settings.Shared.DefaultTemperature, cancellationToken)
            : CompleteAsChunksAsync(request, cancellationToken);

    public override async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = await Client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        return _lifecycle is null ? models : await _lifecycle.WithLoadStatesAsync(models, cancellationToken).ConfigureAwait(false);
    }

    public override Task LoadModelAsync(string model, CancellationToken cancellationToken) =>
        _lifecycle?.LoadAsync(model, cancellationToken) ?? Task.FromException(NoLifecycle("load"));

    public override Task UnloadModelAsync(string model, CancellationToken cancellationToken) =>
        _lifecycle?.UnloadAsync(model, cancellationToken) ?? Task.FromException(NoLifecycle("unload"));

    public override Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken) => Client.CheckHealthAsync(cancellationToken);

    public override Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) => Client.TokenizeAsync(text, cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null : serviceType switch
    {
        _ when serviceType == typeof(OpenCodeClient) => _client,
        _ when serviceType == typeof(OpenCodeModelManager) => _manager,
        _ => base.GetService(serviceType, serviceKey),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _manager?.Dispose();
            _client?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Fails fast on a bad credential: asks <c>/auth/validate</c> where the server offers it, else makes calls servers protect
    /// (<c>/v1/models</c> on most; <c>/props</c> on llama-server builds that leave the model list public).
    /// </summary>
    private static async Task ValidateCredentialAsync(OpenCodeClient client, CancellationToken cancellationToken)
    {
        if (client.CredentialDescription is not { } credential)
        {
            return;
        }

        var result = await client.ValidateAuthAsync(cancellationToken).ConfigureAwait(false);
        if (result is { IsValid: false })
        {
            throw new OpenCodeAuthenticationException($"Credential validation failed: {new Uri(client.ServerRoot, "auth/validate")} says the {credential} is not valid.");
        }

        if (result is null)
        {
            await client.ProbeCredentialAsync("v1/models", cancellationToken).ConfigureAwait(false);
            await client.ProbeCredentialAsync("props", cancellationToken).ConfigureAwait(false);
        }
    }

    private string? ChooseDefaultModel(IReadOnlyList<ModelInfo> models)
    {
        if (settings.DefaultModel is { } configured)
        {
            if (models.Count > 0 && !models.Any(m => m.Id == configured))
            {
                throw new OpenCodeException(
                    OpenCodeErrorCodes.ModelNotFound,
                    $"models.defaultModel '{configured}' is not served; the server has: {string.Join(", ", models.Select(m => m.Id))}.");
            }

            return configured;
        }

        return models.FirstOrDefault(m => settings.Models.IsEnabled(m.Id))?.Id
            ?? (models.Count > 0
                ? throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"None of models.enabledModels is served; the server has: {string.Join(", ", models.Select(m => m.Id))}.")
                : null);
    }

    private async IAsyncEnumerable<MessageChunk> CompleteAsChunksAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await Client.CompleteAsync(request, settings.Shared.DefaultTemperature, cancellationToken).ConfigureAwait(false);
        var metadata = new ChunkMetadata(result.Model, null, timeProvider.GetUtcNow());
        if (result.Content.Length > 0 || result.ReasoningContent is not null)
        {
            yield return new MessageChunk { Content = result.Content, ReasoningContent = result.ReasoningContent, Response = result.Response, Metadata = metadata };
        }

        yield return new MessageChunk
        {
            IsDone = true,
            FinishReason = result.FinishReason,
            ToolCalls = result.ToolCalls.Count > 0 ? result.ToolCalls : null,
            Response = result.Response,
            Metadata = metadata with { Usage = result.Usage },
        };
    }
}
