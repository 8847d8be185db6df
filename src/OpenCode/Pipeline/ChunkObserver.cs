namespace OpenCode.Pipeline;

/// <summary>
/// Watches one request's chunks on their way out of a stage (see <see cref="ObservingStage"/>). Exactly one of the endings is reported:
/// <see cref="OnChunk"/> with the final chunk, or <see cref="OnFailure"/>; <see cref="OnEndAsync"/> is always called once, last
/// (also when the caller stops reading early).
/// </summary>
internal abstract class ChunkObserver
{
    /// <summary>Sees a chunk; returns the chunk to hand on (the final chunk may be replaced by a copy with more metadata).</summary>
    public virtual MessageChunk OnChunk(MessageChunk chunk) => chunk;

    /// <summary>Sees the failure that ended the stream.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="callerCancelled">Whether the caller's token was cancelled.</param>
    public virtual void OnFailure(Exception exception, bool callerCancelled)
    {
    }

    /// <summary>Ends the observation: releases what the request held and waits for what must be written.</summary>
    public virtual ValueTask OnEndAsync() => ValueTask.CompletedTask;
}
