using System.Collections.Concurrent;

namespace OpenCode.Cli.Tests.Fakes;

/// <summary>How the fake server behaves.</summary>
internal sealed record FakeServerOptions
{
    /// <summary>Gets the key every route but /health demands; <see langword="null"/> demands none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets a value indicating whether a rejected request's 401 repeats the Authorization header it got (as some servers do).</summary>
    public bool EchoRejectedCredential { get; init; }

    /// <summary>Gets the models /v1/models lists; the first is the one /props describes.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["fake-coder"];

    /// <summary>Gets the runtime context window /props reports.</summary>
    public int PropsContextWindow { get; init; } = 8192;

    /// <summary>Gets the special tokens /tokenize counts as one token (a vocabulary with these has /infill); <see langword="null"/>: no /tokenize.</summary>
    public IReadOnlySet<string>? SpecialTokens { get; init; }

    /// <summary>Gets the body /usage/stats answers with (the OpenCode API's usage statistics); <see langword="null"/>: no such route.</summary>
    public string? UsageStats { get; init; }

    /// <summary>Gets the models' states when the server plays llama-server's router mode (<c>/models</c>, <c>/models/load</c>, <c>/models/unload</c>); <see langword="null"/> for one model.</summary>
    public ConcurrentDictionary<string, string>? RouterStates { get; init; }

    /// <summary>Gets the behaviour a test may change while the server runs (down, slow).</summary>
    public FakeServerScript Script { get; init; } = new();
}

/// <summary>Behaviour of a running fake server that a test changes as it goes.</summary>
internal sealed class FakeServerScript
{
    private volatile bool _down;
    private long _firstChunkDelayTicks;

    /// <summary>Gets or sets a value indicating whether the server is sick: /health answers 503 and generations 500.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Gets or sets how long a generation waits before its first chunk.</summary>
    public TimeSpan FirstChunkDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _firstChunkDelayTicks));
        set => Interlocked.Exchange(ref _firstChunkDelayTicks, value.Ticks);
    }
}
