namespace OpenCode.Cli.Tests;

/// <summary>A <see cref="StringWriter"/> that says when text was first flushed, so a test knows the CLI has printed a chunk.</summary>
internal sealed class FlushSignalWriter : StringWriter
{
    private readonly TaskCompletionSource _firstTextFlushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstTextFlushed => _firstTextFlushed.Task;

    public override void Flush()
    {
        base.Flush();
        if (GetStringBuilder().Length > 0)
        {
            _firstTextFlushed.TrySetResult();
        }
    }
}
