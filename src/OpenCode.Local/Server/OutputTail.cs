namespace OpenCode.Local.Server;

/// <summary>Keeps the last lines a child process wrote, for error messages.</summary>
/// <param name="capacity">How many lines to keep.</param>
internal sealed class OutputTail(int capacity = 50)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>Gets the kept lines joined by newlines, or a note that there were none.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(no output)" : string.Join('\n', _lines);
        }
    }
}
