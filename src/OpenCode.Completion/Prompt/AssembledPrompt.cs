namespace OpenCode.Completion;

/// <summary>The parts of a fill-in-the-middle prompt, cut to their budgets, and what they hold.</summary>
internal sealed record AssembledPrompt(string Prefix, string Suffix, IReadOnlyList<InfillFile> ExtraFiles, CompletionPromptInfo Info);
