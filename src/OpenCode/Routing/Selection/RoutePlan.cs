namespace OpenCode.Routing.Selection;

/// <summary>A request as the router will send it: model chosen, temperature defaulted, messages fitted.</summary>
/// <param name="Request">The request to send.</param>
/// <param name="SelectedModel">The model the router chose (by task or to fit), or <see langword="null"/> when the caller named it.</param>
/// <param name="DroppedMessages">How many of the oldest non-system messages were dropped to fit.</param>
internal sealed record RoutePlan(MessageRequest Request, string? SelectedModel, int DroppedMessages);
