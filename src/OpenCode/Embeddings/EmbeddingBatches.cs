namespace OpenCode.Embeddings;

/// <summary>
/// Runs an embeddings request as batches of at most <c>embeddings.batchSize</c> inputs, one pipeline request each (so every batch passes
/// the limits, quotas, ledger and retries), one after another, and joins the answers: vectors in input order, usage summed.
/// </summary>
internal static class EmbeddingBatches
{
    public static async Task<EmbeddingResult> RunAsync(
        EmbeddingRequest request, int batchSize, Func<EmbeddingRequest, CancellationToken, IAsyncEnumerable<MessageChunk>> send, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // The caller validated the request (before connecting, so bad input fails without a request).
        if (request.Inputs.Count == 0)
        {
            return new EmbeddingResult([], request.Model, null, time.GetUtcNow());
        }

        var vectors = new List<ReadOnlyMemory<float>>(request.Inputs.Count);
        TokenUsage? usage = null;
        string? model = null;
        DateTimeOffset? created = null;
        RouteInfo? route = null;
        for (var start = 0; start < request.Inputs.Count; start += batchSize)
        {
            var inputs = request.Inputs.Count <= batchSize ? request.Inputs : request.Inputs.Skip(start).Take(batchSize).ToArray();
            var final = await FinalChunkAsync(send(request with { Inputs = inputs }, cancellationToken), cancellationToken).ConfigureAwait(false);
            var batch = final.Embeddings ?? throw new OpenCodeInvalidResponseException(
                $"Embeddings failed: the answer for inputs {start}..{start + inputs.Count - 1} carries no vectors.");
            if (batch.Count != inputs.Count)
            {
                throw new OpenCodeInvalidResponseException(
                    $"Embeddings failed: {inputs.Count} inputs (from index {start}) got {batch.Count} vectors back.");
            }

            vectors.AddRange(batch);
            usage = Add(usage, final.Metadata.Usage);
            model ??= final.Metadata.Model;
            created ??= final.Metadata.Timestamp;
            route = final.Metadata.Route ?? route;
        }

        return new EmbeddingResult(vectors, model ?? request.Model, usage, created ?? time.GetUtcNow()) { Route = route };
    }

    /// <summary>Refuses what no server answers well: a missing input list, or an empty or missing text (llama-server answers it with a 500).</summary>
    public static void Validate(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Inputs is null)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "The embeddings request has no Inputs list.");
        }

        for (var i = 0; i < request.Inputs.Count; i++)
        {
            if (string.IsNullOrEmpty(request.Inputs[i]))
            {
                throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Embeddings input {i} is {(request.Inputs[i] is null ? "null" : "empty")}: every input needs text.");
            }
        }

        if (request.Dimensions is <= 0)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Embeddings: Dimensions must be positive; it was {request.Dimensions}.");
        }
    }

    private static async Task<MessageChunk> FinalChunkAsync(IAsyncEnumerable<MessageChunk> chunks, CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (chunk.IsDone)
            {
                return chunk;
            }
        }

        throw new OpenCodeException(OpenCodeErrorCodes.EmptyResponse, "Embeddings failed: the answer ended without its final chunk.");
    }

    private static TokenUsage? Add(TokenUsage? total, TokenUsage? batch) =>
        batch is null ? total
        : total is null ? batch
        : new TokenUsage(total.PromptTokens + batch.PromptTokens, total.CompletionTokens + batch.CompletionTokens, Weaker(total.Source, batch.Source))
        {
            Cost = total.Cost is null && batch.Cost is null ? null : (total.Cost ?? 0) + (batch.Cost ?? 0),
        };

    // A sum is as exact as its least exact part.
    private static UsageSource Weaker(UsageSource a, UsageSource b) => a == UsageSource.Counted || b == UsageSource.Counted ? UsageSource.Counted : a;
}
