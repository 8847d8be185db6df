namespace OpenCode.Completion;

/// <summary>Runs one generation: streams it through the stop rules (cancelling the server's work once one fires), filters the result and caches it.</summary>
internal sealed class GenerationRunner(ICompletionBackend backend, CompletionCache cache, DocumentSessions sessions, CompletionCounters counters)
{
    public async Task RunAsync(InFlightGeneration generation, InfillRequest request)
    {
        var context = generation.Context;
        var stopper = new CompletionStopper(context);
        TokenUsage? usage = null;
        FinishReason? finish = null;
        try
        {
            await foreach (var chunk in backend.InfillAsync(request, generation.Token).ConfigureAwait(false))
            {
                if (chunk.IsDone)
                {
                    usage = chunk.Metadata.Usage;
                    finish = chunk.FinishReason;
                }

                if (stopper.Append(chunk.Content))
                {
                    // Leaving the loop disposes the stream: the server stops generating what nobody will see.
                    break;
                }

                generation.Publish(stopper.Accepted);
            }

            var text = CompletionFilters.Apply(context, stopper.Finish());
            var stop = stopper.Rule is not null ? CompletionStop.StopRule : finish == FinishReason.Length ? CompletionStop.MaxTokens : CompletionStop.EndOfGeneration;
            cache.Add(context.DocumentPath, context.Prefix, context.Suffix, text);
            generation.Complete(new GenerationOutcome(text, stop, stopper.Rule, usage));
        }
        catch (OperationCanceledException exception)
        {
            counters.Cancel();
            generation.Fail(exception);
        }
#pragma warning disable CA1031 // Every failure goes to the requests waiting for the generation; none may be lost.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            generation.Fail(exception);
        }
        finally
        {
            sessions.Clear(context.DocumentPath, generation);
            generation.Dispose();
        }
    }
}
