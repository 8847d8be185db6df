using System.Text;
using Microsoft.Extensions.Logging;
using OpenCode.Routing.Health;

namespace OpenCode.Routing.Selection;

/// <summary>
/// Makes a request fit its model's context window (<c>routing.contextOverflow</c>): switch to a served model with a larger
/// window, drop the oldest non-system messages, or fail with <see cref="OpenCodeContextLengthException"/> — never send a request
/// the server would reject for length without saying so. Tokens are counted with the server's tokenizer (<c>/tokenize</c>).
/// </summary>
internal sealed class ContextFitter(IReadOnlyList<InstanceState> instances, string overflow, ILogger logger)
{
    /// <summary>Tokens a chat template adds around each message, at most, in the templates we know.</summary>
    private const int MessageOverhead = 8;

    /// <summary>
    /// Gets a value indicating whether the request might not fit: true only when its UTF-8 size (a bound on its token count,
    /// as every token is at least one byte) plus template overhead and the output reaches the smallest known window.
    /// </summary>
    public bool NeedsCheck(MessageRequest request, out int window)
    {
        window = request.Model is { } model ? SmallestWindow(model) ?? 0 : 0;
        return window > 0 && UpperBound(request) + (request.MaxTokens ?? 0) > window;
    }

    public async ValueTask<RoutePlan> FitAsync(MessageRequest request, string? selected, int window, CancellationToken cancellationToken)
    {
        var model = request.Model!;
        var counts = await CountAsync(model, request, cancellationToken).ConfigureAwait(false);
        var needed = counts.Sum() + (request.MaxTokens ?? 0);
        if (needed <= window)
        {
            return new RoutePlan(request, selected, 0);
        }

        switch (overflow)
        {
            case "largerModel" when LargerModel(needed) is { } larger:
                return new RoutePlan(request with { Model = larger }, larger, 0);
            case "dropOldest" when request.Prompt is null && Drop(request, counts, window) is { } fitted:
                RouterLog.DroppedMessages(logger, request.Messages.Count - fitted.Messages.Count, model, window);
                return new RoutePlan(fitted, selected, request.Messages.Count - fitted.Messages.Count);
            default:
                throw new OpenCodeContextLengthException(
                    $"The request needs {needed} tokens (prompt and max_tokens) but model '{model}' has a context window of {window} "
                    + $"and routing.contextOverflow is '{overflow}', which found no way to fit it.")
                { PromptTokens = needed - (request.MaxTokens ?? 0), ContextWindow = window };
        }
    }

    private static int UpperBound(MessageRequest request)
    {
        var bytes = request.Prompt is { } prompt ? Encoding.UTF8.GetByteCount(prompt) : 0;
        foreach (var message in request.Messages)
        {
            bytes += Encoding.UTF8.GetByteCount(message.Content) + MessageOverhead;
        }

        return bytes;
    }

    /// <summary>Counts each message (or the prompt) with a tokenizer of an instance serving the model, else by the byte bound.</summary>
    private async Task<int[]> CountAsync(string model, MessageRequest request, CancellationToken cancellationToken)
    {
        var tokenizer = instances.FirstOrDefault(i => i.Serves(model) && HealthTracker.IsAvailable(i))?.Instance;
        var texts = request.Prompt is { } prompt ? [prompt] : request.Messages.Select(m => m.Content).ToArray();
        var counts = new int[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var counted = tokenizer is null ? null : await tokenizer.CountTokensAsync(texts[i], cancellationToken).ConfigureAwait(false);
            counts[i] = (counted ?? Encoding.UTF8.GetByteCount(texts[i])) + (request.Prompt is null ? MessageOverhead : 0);
        }

        return counts;
    }

    private string? LargerModel(int needed) => instances
        .Where(i => i.Models is not null && HealthTracker.IsAvailable(i))
        .SelectMany(i => i.Models!)
        .Select(m => m.Id)
        .Distinct(StringComparer.Ordinal)
        .Select(id => (Id: id, Window: SmallestWindow(id)))
        .Where(m => m.Window >= needed)
        .OrderBy(m => m.Window)
        .Select(m => m.Id)
        .FirstOrDefault();

    /// <summary>Drops the oldest non-system messages (never the last one) until the rest fits; <see langword="null"/> when it cannot.</summary>
    private static MessageRequest? Drop(MessageRequest request, int[] counts, int window)
    {
        var keep = Enumerable.Repeat(true, counts.Length).ToArray();
        var total = counts.Sum() + (request.MaxTokens ?? 0);
        for (var i = 0; i < counts.Length - 1 && total > window; i++)
        {
            if (request.Messages[i].Role != MessageRole.System)
            {
                keep[i] = false;
                total -= counts[i];
            }
        }

        return total > window ? null : request with { Messages = [.. request.Messages.Where((_, i) => keep[i])] };
    }

    /// <summary>The smallest window among the available instances serving the model (the one every pick must fit); <see langword="null"/> when unknown.</summary>
    private int? SmallestWindow(string model)
    {
        int? smallest = null;
        foreach (var state in instances)
        {
            if (state.Serves(model) && HealthTracker.IsAvailable(state)
                && state.Models!.FirstOrDefault(m => m.Id == model)?.ContextWindow is { } window && (smallest is null || window < smallest))
            {
                smallest = window;
            }
        }

        return smallest;
    }
}
