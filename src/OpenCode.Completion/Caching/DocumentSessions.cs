namespace OpenCode.Completion;

/// <summary>Per document: the newest request (latest wins) and the generation running for it.</summary>
internal sealed class DocumentSessions
{
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Registers a new request; every older request of the document is superseded from now on.</summary>
    public long Begin(string document)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(document, out var session))
            {
                _sessions[document] = session = new Session();
            }

            return ++session.Latest;
        }
    }

    public bool IsLatest(string document, long ticket)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(document, out var session) && session.Latest == ticket;
        }
    }

    public InFlightGeneration? Current(string document)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(document, out var session) ? session.Current : null;
        }
    }

    /// <summary>Makes <paramref name="generation"/> the document's generation when <paramref name="ticket"/> is still the newest request, cancelling the one it replaces.</summary>
    public bool TrySetCurrent(string document, long ticket, InFlightGeneration generation)
    {
        InFlightGeneration? replaced;
        lock (_gate)
        {
            var session = _sessions[document];
            if (session.Latest != ticket)
            {
                return false;
            }

            replaced = session.Current;
            session.Current = generation;
        }

        replaced?.Cancel();
        return true;
    }

    public void Clear(string document, InFlightGeneration generation)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(document, out var session) && ReferenceEquals(session.Current, generation))
            {
                session.Current = null;
            }
        }
    }

    private sealed class Session
    {
        public long Latest { get; set; }

        public InFlightGeneration? Current { get; set; }
    }
}
