using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Families;
using OpenCode.Models;
using OpenCode.Pipeline;

namespace OpenCode.Local.InProcess;

/// <summary>
/// Direct mode's default: the GGUF file runs in this process on llama.cpp (LLamaSharp's prebuilt native libraries), as the terminal stage
/// of the same pipeline a server is behind. Connecting reads only the file's header; the weights load on the first request.
/// </summary>
internal sealed class InProcessBackend(OpenCodeOptions options, TimeProvider time, ILoggerFactory loggerFactory, Func<long> availableMemory)
    : GenerationBackend
{
    /// <summary>The dialect of a model run in this process; its extra parameters are checked by <see cref="SamplingSettings"/>.</summary>
    public const string Dialect = "in-process";

    private ModelHost? _host;
    private ModelFacts? _facts;

    /// <summary>Gets the model's lifecycle, once connected.</summary>
    public ModelHost? Host => _host;

    public override Task<BackendDescription> ConnectAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.ModelPath!);
        var facts = GgufPreflight.Check(path, options.LocalServer, availableMemory);
        NativeLogging.EnsureRouted(loggerFactory.CreateLogger("OpenCode.Local.Native"));
        _facts = facts;
        _host = new ModelHost(facts, options.LocalServer, time, loggerFactory.CreateLogger("OpenCode.Local"), f => LoadedModel.Load(f, options.LocalServer.Threads));
        var family = ModelFamilyDetector.Detect(new ModelFamilyHints { Id = facts.Name, Architecture = facts.Architecture });
        var capabilities = new ProviderCapabilities
        {
            Model = facts.Name,
            AvailableModels = [facts.Name],
            ContextWindow = facts.ContextSize,
            TrainingContextWindow = facts.TrainingContext,
            SupportsChat = true,
            SupportsFillInTheMiddle = facts.HasFimTokens,
            SupportsInfillEndpoint = facts.HasFimTokens,
            ParallelSlots = 1,
            ParameterCount = facts.ParameterCount,
            Family = family.Id,
            Dialect = Dialect,
        };
        return Task.FromResult(new BackendDescription(new Uri(path), capabilities, [Describe(facts, loadState: null)], facts.Name));
    }

    public override async IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var host = request.Model is { } model ? Served(model) : _host ?? throw new InvalidOperationException("The in-process backend is not connected.");

        if (request.Kind == GenerationKind.Embeddings)
        {
            yield return await EmbedAsync(host, request, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        var sampling = SamplingSettings.From(request);
        using var lease = await host.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var stops = request.Infill?.Stop ?? request.Request.Stop;
        using var generation = new Generation(lease.Model, sampling, request.MaxTokens, stops);
        await Task.Run(() => generation.DecodePrompt(PromptBuilder.Build(lease.Model, request), cancellationToken), cancellationToken).ConfigureAwait(false);
        while (generation.Finish is null)
        {
            string text = generation.Next(cancellationToken);
            if (text.Length > 0)
            {
                yield return new MessageChunk { Content = text, Metadata = new ChunkMetadata(_facts!.Name, null, time.GetUtcNow()) };
            }
        }

        var usage = new TokenUsage(generation.PromptTokens, generation.CompletionTokens, UsageSource.Reported);
        yield return new MessageChunk { IsDone = true, FinishReason = generation.Finish, Metadata = new ChunkMetadata(_facts!.Name, usage, time.GetUtcNow()) };
    }

    /// <summary>One batch of embeddings, one input after another in the model's embeddings context, as the pipeline's one final chunk.</summary>
    private async Task<MessageChunk> EmbedAsync(ModelHost host, GenerationRequest request, CancellationToken cancellationToken)
    {
        var inputs = request.Embedding!.Inputs;
        if (request.Embedding.AdditionalParameters is { Count: > 0 } extra)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest, $"An in-process model takes no extra embeddings parameters ({string.Join(", ", extra.Keys)}).");
        }

        using var lease = await host.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (request.Embedding.Dimensions is { } dimensions && dimensions != lease.Model.Model.EmbeddingSize)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                $"'{_facts!.Name}' makes {lease.Model.Model.EmbeddingSize}-dimensional embeddings; {dimensions} dimensions were asked for.");
        }

        var (vectors, tokens) = await Task.Run(
            () =>
            {
                var context = lease.Model.Embeddings;
                var results = new ReadOnlyMemory<float>[inputs.Count];
                var count = 0;
                for (var i = 0; i < inputs.Count; i++)
                {
                    var input = lease.Model.Tokenize(inputs[i], addBos: true, special: true);
                    count += input.Length;
                    results[i] = context.Embed(input, cancellationToken);
                }

                return (results, count);
            },
            cancellationToken).ConfigureAwait(false);
        var usage = new TokenUsage(tokens, 0, UsageSource.Reported);
        return new MessageChunk { IsDone = true, FinishReason = FinishReason.Stop, Embeddings = vectors, Metadata = new ChunkMetadata(_facts!.Name, usage, time.GetUtcNow()) };
    }

    public override Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModelInfo>>(_facts is { } facts ? [Describe(facts, _host!.IsLoaded ? ModelLoadState.Loaded : ModelLoadState.Unloaded)] : []);

    /// <summary>Loads the weights now (waiting for the model's turn), rather than on the next request; the idle timer starts again.</summary>
    public override async Task LoadModelAsync(string model, CancellationToken cancellationToken)
    {
        using var lease = await Served(model).AcquireAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unloads the weights once the request running now (if any) is done.</summary>
    public override Task UnloadModelAsync(string model, CancellationToken cancellationToken) => Served(model).UnloadAsync(cancellationToken);

    public override Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        bool exists = _facts is { } facts && File.Exists(facts.Path);
        var status = !exists ? "model file missing" : _host!.IsLoaded ? "ok (loaded)" : "ok (not loaded: loads on the next request)";
        return Task.FromResult(new ServerHealth(exists, exists ? 200 : 503, status, Stopwatch.GetElapsedTime(started)));
    }

    public override async Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken)
    {
        var host = _host ?? throw new InvalidOperationException("The in-process backend is not connected.");
        using var lease = await host.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var vocabulary = lease.Model.Vocabulary;
        return [.. lease.Model.Tokenize(text, false, special: false).Select(token => vocabulary.LLamaTokenToString(token, false) ?? string.Empty)];
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ModelHost) ? _host : base.GetService(serviceType, serviceKey);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _host?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The host of <paramref name="model"/>: MODEL_NOT_FOUND for any other name, as this process runs one model.</summary>
    private ModelHost Served(string model)
    {
        var host = _host ?? throw new InvalidOperationException("The in-process backend is not connected.");
        return model == _facts!.Name
            ? host
            : throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"Model '{model}' is not served here: this process runs '{_facts.Name}' only.");
    }

    private static ModelInfo Describe(ModelFacts facts, ModelLoadState? loadState) => new()
    {
        LoadState = loadState,
        Id = facts.Name,
        OwnedBy = "in-process",
        ContextWindow = facts.ContextSize,
        TrainingContextWindow = facts.TrainingContext,
        ParameterCount = facts.ParameterCount,
        VocabularySize = facts.VocabularySize,
        SizeBytes = facts.FileSize,
    };
}
