namespace OpenCode.Client;

/// <summary>Combines a streaming method's token with the one given to <c>GetAsyncEnumerator</c>, as the compiler does for <c>[EnumeratorCancellation]</c>.</summary>
internal static class EnumeratorCancellation
{
    /// <param name="callToken">The token passed to the method that returned the sequence.</param>
    /// <param name="enumeratorToken">The token passed to <c>GetAsyncEnumerator</c> (for example by <c>WithCancellation</c>).</param>
    /// <param name="linked">A linked source when both tokens can cancel; the enumerator disposes it.</param>
    /// <returns>The token the enumeration observes.</returns>
    public static CancellationToken Combine(CancellationToken callToken, CancellationToken enumeratorToken, out CancellationTokenSource? linked)
    {
        linked = null;
        if (!callToken.CanBeCanceled || callToken == enumeratorToken)
        {
            return enumeratorToken;
        }

        if (!enumeratorToken.CanBeCanceled)
        {
            return callToken;
        }

        linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumeratorToken);
        return linked.Token;
    }
}
