using OpenCode.Pipeline;

namespace OpenCode.Provider;

/// <summary>Chooses chat or plain completion from the request and the model's capabilities (never from the number of messages).</summary>
internal static class ModeSelector
{
    public static GenerationRequest Select(MessageRequest request, string? model, ProviderCapabilities? capabilities)
    {
        var hasMessages = request.Messages.Count > 0;
        var hasPrompt = request.Prompt is not null;
        if (hasMessages && hasPrompt)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "MessageRequest: set either Messages (chat) or Prompt (plain completion), not both.");
        }

        if (!hasMessages && !hasPrompt)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "MessageRequest: set Messages (chat) or Prompt (plain completion); both are empty.");
        }

        switch (request.Mode)
        {
            case CompletionMode.Chat when hasPrompt:
                return new GenerationRequest(GenerationKind.Chat, model, request with { Messages = [Message.User(request.Prompt!)], Prompt = null });
            case CompletionMode.Chat:
                return new GenerationRequest(GenerationKind.Chat, model, request);
            case CompletionMode.Completion:
                return new GenerationRequest(GenerationKind.Completion, model, request, hasPrompt ? request.Prompt : PlainPromptRenderer.Render(request.Messages));
        }

        if (hasPrompt)
        {
            return new GenerationRequest(GenerationKind.Completion, model, request, request.Prompt);
        }

        // A model without a chat template would get a generic template from the server; a plain prompt is more faithful.
        if (capabilities?.SupportsChat != false)
        {
            return new GenerationRequest(GenerationKind.Chat, model, request);
        }

        // A family tuned on an instruction format (WizardCoder: Alpaca) gets that format.
        var format = Families.ModelFamily.FromId(capabilities.Family)?.InstructionFormat;
        return new GenerationRequest(GenerationKind.Completion, model, request, format?.Render(request.Messages) ?? PlainPromptRenderer.Render(request.Messages));
    }
}
