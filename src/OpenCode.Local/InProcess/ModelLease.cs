namespace OpenCode.Local.InProcess;

/// <summary>One request's turn at an in-process model; disposing it hands the turn on and starts the idle clock.</summary>
internal sealed class ModelLease(ModelHost host, LoadedModel model) : IDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            host.Release();
        }
    }
}
