namespace OpenCode;

/// <summary>One attempt of a routed request at one instance.</summary>
/// <param name="Instance">The instance tried.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Duration">How long the attempt took until it failed or, for the answering one, until its first chunk.</param>
/// <param name="ErrorCode">The <see cref="OpenCodeException.Code"/> it failed with, or <see langword="null"/> when it answered.</param>
/// <param name="Error">The error message, or <see langword="null"/>.</param>
public sealed record RouteAttempt(string Instance, string? Model, TimeSpan Duration, string? ErrorCode, string? Error);
