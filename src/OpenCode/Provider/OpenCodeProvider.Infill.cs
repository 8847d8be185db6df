using Microsoft.Extensions.Logging;
using OpenCode.Client;
using OpenCode.Families;
using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <summary>
    /// Fills in the code between a prefix and a suffix, streamed: through the server's <c>/infill</c> where the model's vocabulary has FIM tokens
    /// (llama.cpp), Ollama's <c>suffix</c> for models with the <c>insert</c> capability, else the family's FIM prompt format on
    /// <c>/v1/completions</c> with the family's stop tokens.
    /// </summary>
    /// <param name="request">The prefix, suffix, extra files and sampling settings.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The chunks of the middle; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    /// <exception cref="OpenCodeException">
    /// CAPABILITY_NOT_SUPPORTED when <c>features.codeCompletion</c> is off or the model cannot fill in the middle: its vocabulary has no FIM tokens,
    /// or its family has no FIM format.
    /// </exception>
    public IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _options.Features.CodeCompletion
            ? new DeferredChunks(this, (provider, state) => PlanInfill(request, provider.ResolveModel(request.Model, state), state, provider._logger), alwaysStream: true, cancellationToken)
            : CodeCompletionOffAsync();
    }

    /// <summary>Fails on the first <c>MoveNextAsync</c>, before anything is sent, as the iterator did before it was deferred.</summary>
    private static async IAsyncEnumerable<MessageChunk> CodeCompletionOffAsync()
    {
        await Task.CompletedTask.ConfigureAwait(false);
        throw new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, "Code completion (fill in the middle) is off: features.codeCompletion is false.");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    private static WireRequest PlanInfill(InfillRequest request, string? model, State state, ILogger logger)
    {
        // Another model on a multi-model server: only its name tells its family, and only a template can be used.
        var detection = model is null || model == state.DefaultModel
            ? state.Family
            : new FamilyDetection(ModelFamilyDetector.Detect(new ModelFamilyHints { Id = model }), null);
        if (detection.VocabularyHasFim == true)
        {
            return OpenCodeClient.ToWire(request, model);
        }

        var name = model ?? state.Capabilities.Model;
        if (state.Capabilities.Dialect == ServerDialects.Ollama && ReferenceEquals(detection, state.Family))
        {
            return OllamaInfill(request, model, name, state.Capabilities.SupportsFillInTheMiddle);
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
        return new WireRequest(WireRequestKind.Completion, model, completion, completion.Prompt);
    }

    /// <summary>Ollama fills in the middle itself, with the model's own template, when a completion carries a <c>suffix</c>.</summary>
    private static WireRequest OllamaInfill(InfillRequest request, string? model, string name, bool? supported)
    {
        if (supported == false)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported, $"Model '{name}' cannot fill in the middle: Ollama does not list the 'insert' capability for it.");
        }

        var completion = new MessageRequest
        {
            Prompt = request.Prefix,
            MaxTokens = request.MaxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Seed = request.Seed,
            Stop = request.Stop,
            AdditionalParameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["suffix"] = request.Suffix },
        };
        return new WireRequest(WireRequestKind.Completion, model, completion, completion.Prompt);
    }
}
