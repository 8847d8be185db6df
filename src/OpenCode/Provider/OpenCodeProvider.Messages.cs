using System.Runtime.CompilerServices;
using OpenCode.Client;
using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <inheritdoc />
    public async IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var wire = PrepareRequest(request, state);
        ProviderLog.Routing(_logger, wire.Kind.ToString(), wire.Model ?? "(chosen by the server)");

        var chunks = _options.Features.Streaming
            ? state.Client.StreamAsync(wire, _options.DefaultTemperature, cancellationToken)
            : CompleteAsChunksAsync(state, wire, cancellationToken);
        await foreach (var chunk in MeasureAsync(chunks, state.Client.ServerRoot, wire.Model ?? state.Capabilities.Model, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    private async IAsyncEnumerable<MessageChunk> CompleteAsChunksAsync(State state, WireRequest wire, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await state.Client.CompleteAsync(wire, _options.DefaultTemperature, cancellationToken).ConfigureAwait(false);
        var metadata = new ChunkMetadata(result.Model, null, _timeProvider.GetUtcNow());
        if (result.Content.Length > 0 || result.ReasoningContent is not null)
        {
            yield return new MessageChunk { Content = result.Content, ReasoningContent = result.ReasoningContent, Metadata = metadata };
        }

        yield return new MessageChunk { IsDone = true, FinishReason = result.FinishReason, Metadata = metadata with { Usage = result.Usage } };
    }

    private WireRequest PrepareRequest(MessageRequest request, State state)
    {
        if (request.AdditionalParameters is { Count: > 0 } && !_options.Features.CustomParameters)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"The request carries custom parameters ({string.Join(", ", request.AdditionalParameters.Keys)}) but features.customParameters is off.");
        }

        var model = ResolveModel(request.Model, state);
        return ModeSelector.Select(DropUnsupportedParameters(request, state.Capabilities.Dialect), model, state.Capabilities);
    }

    /// <summary>Sends only the custom parameters the dialect accepts; the others are dropped with a warning.</summary>
    private MessageRequest DropUnsupportedParameters(MessageRequest request, string dialect)
    {
        if (request.AdditionalParameters is not { Count: > 0 } extra || extra.Keys.All(name => DialectParameters.Accepts(dialect, name)))
        {
            return request;
        }

        foreach (var name in extra.Keys.Where(name => !DialectParameters.Accepts(dialect, name)))
        {
            ProviderLog.ParameterDropped(_logger, name, dialect);
        }

        return ModeSelector.Copy(request, request.Messages, request.Prompt, extra.Where(p => DialectParameters.Accepts(dialect, p.Key)).ToDictionary(StringComparer.Ordinal));
    }

    private string? ResolveModel(string? requested, State state)
    {
        var model = requested ?? state.DefaultModel;
        if (model is not null && !IsEnabled(model))
        {
            throw new OpenCodeException(OpenCodeErrorCodes.ModelNotFound, $"Model '{model}' is not in models.enabledModels ({string.Join(", ", _options.Models.EnabledModels)}).");
        }

        if (model is not null && state.Models.Count > 0 && !state.Models.Any(m => m.Id == model))
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"Model '{model}' is not served by {state.Client.ServerRoot}; it serves: {string.Join(", ", state.Models.Select(m => m.Id))}.");
        }

        return model;
    }
}
