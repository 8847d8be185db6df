namespace OpenCode;

/// <summary>The small adapter port: send a conversation, get one assistant message back.</summary>
public interface ILlmPort
{
    /// <summary>Completes a conversation.</summary>
    /// <param name="messages">The conversation so far.</param>
    /// <param name="options">Per-call settings; <see langword="null"/> uses the adapter's defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assistant's answer.</returns>
    /// <exception cref="OpenCodeException">The call failed.</exception>
    Task<LlmMessage> CompleteAsync(IReadOnlyList<LlmMessage> messages, LlmCompletionOptions? options = null, CancellationToken cancellationToken = default);
}
