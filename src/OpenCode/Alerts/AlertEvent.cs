namespace OpenCode.Alerts;

/// <summary>Something an operator should hear about: a rule crossed its threshold.</summary>
/// <param name="Rule">The rule's stable name, for example <c>quota.daily.tokens</c>.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Message">What happened, for people; never holds prompt text or credentials.</param>
/// <param name="Value">The value that crossed the threshold (for example the tokens used).</param>
/// <param name="Threshold">The threshold it crossed.</param>
/// <param name="Timestamp">When it was observed.</param>
public sealed record AlertEvent(string Rule, AlertSeverity Severity, string Message, double Value, double Threshold, DateTimeOffset Timestamp);
