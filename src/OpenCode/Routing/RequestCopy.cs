namespace OpenCode.Routing;

/// <summary>Copies a <see cref="MessageRequest"/> with the model, messages or temperature a router chose.</summary>
internal static class RequestCopy
{
    public static MessageRequest With(MessageRequest request, string? model, IReadOnlyList<Message> messages, float? temperature) => new()
    {
        Messages = messages,
        Prompt = request.Prompt,
        Model = model,
        Mode = request.Mode,
        MaxTokens = request.MaxTokens,
        Temperature = temperature,
        TopP = request.TopP,
        Stop = request.Stop,
        Seed = request.Seed,
        AdditionalParameters = request.AdditionalParameters,
        Selection = request.Selection,
    };

    public static MessageRequest WithModel(MessageRequest request, string? model) =>
        string.Equals(request.Model, model, StringComparison.Ordinal) ? request : With(request, model, request.Messages, request.Temperature);
}
