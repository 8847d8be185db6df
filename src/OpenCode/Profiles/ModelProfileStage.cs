using OpenCode.Configuration;
using OpenCode.Pipeline;

namespace OpenCode.Profiles;

/// <summary>
/// Applies the profile of a request's model (<c>profiles</c>): its system prompt to a conversation without one, its sampling defaults to
/// what the request leaves unset, its stop sequences, and its post-processor to the answer. Runs before the quotas and limits, so
/// they count what is really sent.
/// </summary>
internal sealed class ModelProfileStage(GenerationStage inner, IReadOnlyList<ModelProfileOptions> profiles, EndpointContext endpoint) : ObservingStage(inner)
{
    protected override ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var model = endpoint.ModelOf(request);
        var profile = profiles.FirstOrDefault(p => p.Matches(model));
        if (profile is null)
        {
            return ValueTask.FromResult<(GenerationRequest, ChunkObserver?)>((request, null));
        }

        var post = AnswerPostProcessor.Create(profile.PostProcessor);
        return ValueTask.FromResult<(GenerationRequest, ChunkObserver?)>((Apply(profile, request), post is null ? null : new Observer(post)));
    }

    private static GenerationRequest Apply(ModelProfileOptions profile, GenerationRequest request)
    {
        var original = request.Request;
        var messages = original.Messages;
        if (request.Kind == GenerationKind.Chat && profile.SystemPrompt is { Length: > 0 } system && !messages.Any(m => m.Role == MessageRole.System))
        {
            messages = [Message.System(system), .. messages];
        }

        var changed = original with
        {
            Messages = messages,
            Temperature = original.Temperature ?? profile.Temperature,
            TopP = original.TopP ?? profile.TopP,
            MaxTokens = original.MaxTokens ?? profile.MaxTokens,
            Stop = profile.Stop.Count == 0 ? original.Stop : [.. original.Stop, .. profile.Stop.Except(original.Stop, StringComparer.Ordinal)],
        };
        var infill = request.Infill is { } fim
            ? fim with { MaxTokens = fim.MaxTokens ?? profile.MaxTokens, Temperature = fim.Temperature ?? profile.Temperature, Stop = changed.Stop }
            : null;
        return request with { Request = changed, Infill = infill };
    }

    private sealed class Observer(AnswerPostProcessor post) : ChunkObserver
    {
        public override MessageChunk OnChunk(MessageChunk chunk)
        {
            var text = chunk.Content.Length > 0 ? post.OnText(chunk.Content) : chunk.Content;
            if (chunk.IsDone)
            {
                text += post.OnEnd();
            }

            return ReferenceEquals(text, chunk.Content) ? chunk : chunk with { Content = text };
        }
    }
}
