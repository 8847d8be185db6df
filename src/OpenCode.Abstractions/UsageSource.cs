namespace OpenCode;

/// <summary>Where token counts came from.</summary>
public enum UsageSource
{
    /// <summary>The server reported them in a <c>usage</c> object.</summary>
    Reported,

    /// <summary>Taken from llama.cpp's <c>timings</c> (<c>prompt_n</c>, <c>predicted_n</c>), exact for that server.</summary>
    Timings,

    /// <summary>The server said nothing; the client counted streamed chunks (about one token each). An estimate.</summary>
    Counted,
}
