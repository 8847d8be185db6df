namespace OpenCode.Completion;

/// <summary>What a <see cref="CodeCompletionService"/> has done since it was created: requests, and how many it answered without a generation of their own.</summary>
/// <param name="Requests">Requests received.</param>
/// <param name="Generations">Generations sent to the server.</param>
/// <param name="CacheHits">Requests served from the cache.</param>
/// <param name="InFlightJoins">Requests that joined a running generation they typed into.</param>
/// <param name="Superseded">Requests that ended empty because a newer request for the document came first.</param>
/// <param name="CancelledGenerations">Generations cancelled before their end (superseded, or nobody waiting any more).</param>
public sealed record CodeCompletionStatistics(long Requests, long Generations, long CacheHits, long InFlightJoins, long Superseded, long CancelledGenerations);
