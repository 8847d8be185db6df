namespace OpenCode.Completion;

/// <summary>Turns an assembled prompt into the provider's <see cref="InfillRequest"/>, with llama-server cache affinity where requests reach its <c>/infill</c>.</summary>
internal static class InfillRequestFactory
{
    public static InfillRequest Create(
        AssembledPrompt prompt, CompletionContext context, CompletionTarget target, CodeCompletionOptions options, CodeCompletionRequest request, int maxTokens)
    {
        var llamaServer = target.Slots is not null;
        return new InfillRequest
        {
            Prefix = prompt.Prefix,
            Suffix = prompt.Suffix,
            ExtraFiles = prompt.ExtraFiles,
            Model = options.Model,
            MaxTokens = maxTokens,
            Temperature = options.Temperature,
            // Where the cursor's line already has text the server can stop at the line break itself: no text is wasted and the usage arrives.
            Stop = context.Mode == CompletionLineMode.SingleLine && !context.AtLineStart ? ["\n"] : [],
            SlotId = llamaServer && options.SlotAffinity ? SlotFor(context.DocumentPath, target.Slots!.Value) : null,
            CachePrompt = llamaServer ? true : null,
            CacheReuseChunk = llamaServer && options.CacheReuseChunk > 0 ? options.CacheReuseChunk : null,
            GenerationTimeLimit = llamaServer ? request.TimeLimit ?? options.TimeLimit : null,
        };
    }

    /// <summary>A stable slot per document (FNV-1a of its path), so its consecutive requests find their prompt in that slot's cache.</summary>
    internal static int SlotFor(string document, int slots)
    {
        var hash = 2166136261u;
        foreach (var c in document)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Math.Max(slots, 1));
    }
}
