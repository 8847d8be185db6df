namespace OpenCode.Tests.Fakes;

/// <summary>A clock a test sets to any instant, for code that only reads the time (jumps of days or months, which <see cref="ManualTimeProvider"/> walks in milliseconds).</summary>
public sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
