namespace OpenCode.Routing;

/// <summary>A model an instance serves.</summary>
/// <param name="Id">The model id.</param>
/// <param name="ContextWindow">The context window the server runs it with, when known.</param>
internal sealed record RoutedModel(string Id, int? ContextWindow);
