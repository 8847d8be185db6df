using Microsoft.Extensions.Logging;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Families;
using OpenCode.Models;
using OpenCode.Pipeline;

namespace OpenCode.Provider;

/// <summary>
/// Turns a caller's request into a <see cref="GenerationRequest"/> for one connected endpoint: the model (checked against what is
/// served and enabled), chat or plain completion, the custom parameters the dialect accepts, and how to fill in the middle.
/// </summary>
internal sealed class RequestPlanner(EndpointSettings settings, BackendDescription backend, ILogger logger)
{
    private readonly FamilyDetection _family = new(ModelFamily.FromId(backend.Capabilities.Family) ?? ModelFamily.Unknown, backend.Capabilities.SupportsInfillEndpoint);

    public GenerationRequest Plan(MessageRequest request)
    {
        RefuseCustomParameters(request.AdditionalParameters, "request");
        ImagePartsWriter.RefuseWithoutVision(request, backend.Capabilities);
        var model = ResolveModel(request.Model);
        ToolSupport.RefuseWithoutTools(request, model, backend);
        var mapped = ToolSupport.ForDialect(DropUnsupportedParameters(request), backend.Capabilities.Dialect);
        return ModeSelector.Select(mapped, model, backend.Capabilities);
    }

    /// <summary>Plans one batch of an embeddings request: the model resolved as for a generation, the custom parameters allowed by <c>features.customParameters</c>.</summary>
    public GenerationRequest PlanEmbeddings(EmbeddingRequest batch)
    {
        RefuseCustomParameters(batch.AdditionalParameters, "embeddings request");
        var model = ResolveModel(batch.Model);
        return new GenerationRequest(GenerationKind.Embeddings, model, new MessageRequest { Model = model }) { Embedding = batch with { Model = model } };
    }

    private void RefuseCustomParameters(IReadOnlyDictionary<string, object?>? parameters, string what)
    {
        if (parameters is { Count: > 0 } && !settings.Shared.Features.CustomParameters)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"The {what} carries custom parameters ({string.Join(", ", parameters.Keys)}) but features.customParameters is off.");
        }
    }

    /// <summary>
    /// Fills in the middle through the server's <c>/infill</c> where the model's vocabulary has FIM tokens, Ollama's <c>suffix</c> for models
    /// with the <c>insert</c> capability, else the family's FIM prompt format as a plain completion with the family's stop tokens.
    /// </summary>
    public GenerationRequest PlanInfill(InfillRequest request)
    {
        var model = ResolveModel(request.Model);

        // Another model on a multi-model server: only its name tells its family, and only a template can be used.
        var detection = model is null || model == backend.DefaultModel ? _family : new FamilyDetection(ModelFamilyDetector.Detect(new ModelFamilyHints { Id = model }), null);
        if (detection.VocabularyHasFim == true)
        {
            return OpenCodeClient.ToWire(request, model);
        }

        var name = model ?? backend.Capabilities.Model;
        if (backend.Capabilities.Dialect == ServerDialects.Ollama && ReferenceEquals(detection, _family))
        {
            return OllamaInfill(request, model, name, backend.Capabilities.SupportsFillInTheMiddle);
        }

        if (detection.VocabularyHasFim == false)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                $"Model '{name}' cannot fill in the middle: its vocabulary has no fill-in-the-middle tokens (family {detection.Family.Id}).");
        }

        if (detection.Family.Fim is not { } fim)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                detection.Family.IsKnown
                    ? $"Model '{name}' cannot fill in the middle: the {detection.Family.Name} family has no fill-in-the-middle format."
                    : $"Model '{name}' cannot fill in the middle: its family is not recognised, so its fill-in-the-middle format is unknown.");
        }

        if (request.ExtraFiles.Count > 0 && fim.Repository is null)
        {
            ProviderLog.ExtraFilesDropped(logger, request.ExtraFiles.Count, detection.Family.Id);
        }

        var completion = fim.ToCompletionRequest(request);
        return new GenerationRequest(GenerationKind.Completion, model, completion, completion.Prompt);
    }

    /// <summary>Ollama fills in the middle itself, with the model's own template, when a completion carries a <c>suffix</c>.</summary>
    private static GenerationRequest OllamaInfill(InfillRequest request, string? model, string name, bool? supported)
    {
        if (supported == false)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported, $"Model '{name}' cannot fill in the middle: Ollama does not list the 'insert' capability for it.");
        }

        var completion = CompletionOf(request, request.Prefix) with
        {
            AdditionalParameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["suffix"] = request.Suffix },
        };
        return new GenerationRequest(GenerationKind.Completion, model, completion, completion.Prompt);
    }

    private static MessageRequest CompletionOf(InfillRequest request, string prompt) => new()
    {
        Prompt = prompt,
        MaxTokens = request.MaxTokens,
        Temperature = request.Temperature,
        TopP = request.TopP,
        Seed = request.Seed,
        Stop = request.Stop,
    };

    /// <summary>Sends only the custom parameters the dialect accepts; the others are dropped with a warning.</summary>
    private MessageRequest DropUnsupportedParameters(MessageRequest request)
    {
        var dialect = backend.Capabilities.Dialect;
        if (request.AdditionalParameters is not { Count: > 0 } extra || extra.Keys.All(name => DialectParameters.Accepts(dialect, name)))
        {
            return request;
        }

        foreach (var name in extra.Keys.Where(name => !DialectParameters.Accepts(dialect, name)))
        {
            ProviderLog.ParameterDropped(logger, name, dialect);
        }

        return request with { AdditionalParameters = extra.Where(p => DialectParameters.Accepts(dialect, p.Key)).ToDictionary(StringComparer.Ordinal) };
    }

    /// <summary>
    /// The caller's model, else the default; checked only against <c>models.enabledModels</c>. A name the model list lacks is still sent:
    /// servers accept names they do not list (a single-model llama-server answers to any name, aliases, Ollama tags), and one that does
    /// not know the model answers MODEL_NOT_FOUND itself (see <see cref="ErrorClassifier"/>).
    /// </summary>
    private string? ResolveModel(string? requested)
    {
        var model = requested ?? backend.DefaultModel;
        if (model is not null && !settings.Models.IsEnabled(model))
        {
            throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"Model '{model}' is not in models.enabledModels ({string.Join(", ", settings.Models.EnabledModels)}).");
        }

        return model;
    }
}
