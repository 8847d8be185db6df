namespace OpenCode.IntegrationTests;

/// <summary>Bounds a test in time: a token cancelled after the given time or when xUnit cancels the test.</summary>
internal static class TestDeadline
{
    public static CancellationTokenSource After(TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout);
        return source;
    }
}
