namespace OpenCode.Completion;

/// <summary>Why a completion ended.</summary>
public enum CompletionStop
{
    /// <summary>Not ended yet: a streamed snapshot.</summary>
    None,

    /// <summary>The model ended it (an end-of-generation or stop token).</summary>
    EndOfGeneration,

    /// <summary>The token limit was reached.</summary>
    MaxTokens,

    /// <summary>A stop rule ended it; <see cref="CodeCompletion.StopRule"/> names the rule.</summary>
    StopRule,

    /// <summary>The request's time limit passed; the completion holds what arrived in time.</summary>
    TimeLimit,

    /// <summary>A newer request for the same document replaced this one; the completion is empty.</summary>
    Superseded,

    /// <summary>Served from the cache or from an earlier generation, without a generation of its own.</summary>
    Reused,
}
