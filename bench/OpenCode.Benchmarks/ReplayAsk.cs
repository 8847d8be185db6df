using System.Diagnostics;
using OpenCode.Completion;

namespace OpenCode.Benchmarks;

/// <summary>One completion asked for at a pause, running in the background; records when its first suggestion came and its final answer.</summary>
internal sealed class ReplayAsk
{
    private ReplayAsk(CodeCompletionRequest request) => Request = request;

    public CodeCompletionRequest Request { get; }

    public Task Task { get; private set; } = Task.CompletedTask;

    /// <summary>Gets the time to the first suggestion (a non-empty snapshot, or the final answer), in milliseconds.</summary>
    public double FirstSuggestionMs { get; private set; }

    public CodeCompletion? Final { get; private set; }

    public Exception? Error { get; private set; }

    public static ReplayAsk Start(CodeCompletionService service, CodeCompletionRequest request)
    {
        var ask = new ReplayAsk(request);
        ask.Task = ask.RunAsync(service);
        return ask;
    }

    private async Task RunAsync(CodeCompletionService service)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await foreach (var completion in service.StreamAsync(Request))
            {
                if (FirstSuggestionMs == 0 && (completion.Text.Length > 0 || completion.IsFinal))
                {
                    FirstSuggestionMs = watch.Elapsed.TotalMilliseconds;
                }

                Final = completion;
            }
        }
#pragma warning disable CA1031 // The report counts failures; one must not stop the replay.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Error = exception;
        }
    }
}
