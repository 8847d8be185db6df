namespace OpenCode.Completion;

/// <summary>Where a completion came from.</summary>
public enum CodeCompletionSource
{
    /// <summary>A generation started for this request.</summary>
    Server,

    /// <summary>The cache: an earlier completion whose start the user has since typed.</summary>
    Cache,

    /// <summary>A generation started for an earlier request, still running when the user typed into it.</summary>
    InFlight,

    /// <summary>Nothing: the request was superseded before anything was sent, or its answer only repeated existing text.</summary>
    None,
}
