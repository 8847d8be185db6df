using OpenCode.Completion;

namespace OpenCode.Cli.Output;

/// <summary>The <c>--json</c> result of <c>infill --cursor</c>: the completion, the zero-based range it replaces, and what the prompt held.</summary>
internal sealed record CodeCompletionJson(
    string Text, CodeRangeJson Range, string Stop, string? StopRule, string Source, UsageJson? Usage, int? CachedPromptTokens, CodePromptJson? Prompt)
{
    public static CodeCompletionJson From(CodeCompletion completion, string document) => new(
        completion.Text,
        CodeRangeJson.From(completion.Range, document),
        completion.Stop.ToString(),
        completion.StopRule,
        completion.Source.ToString(),
        completion.Usage is { } usage ? UsageJson.From(usage) : null,
        completion.Usage?.CachedPromptTokens,
        completion.Prompt is { } prompt ? CodePromptJson.From(prompt) : null);
}

/// <summary>A range as offsets and as zero-based lines and characters.</summary>
internal sealed record CodeRangeJson(int Start, int End, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static CodeRangeJson From(CompletionRange range, string document)
    {
        var start = TextPosition.FromOffset(document, range.Start);
        var end = TextPosition.FromOffset(document, range.End);
        return new(range.Start, range.End, start.Line, start.Character, end.Line, end.Character);
    }
}

/// <summary>The prompt's parts in the model's tokens, and how context was given.</summary>
internal sealed record CodePromptJson(int PrefixTokens, int SuffixTokens, int ContextTokens, int SnippetsSent, int SnippetsDropped, string ContextFormat, bool CountedByTokenizer)
{
    public static CodePromptJson From(CompletionPromptInfo prompt) => new(
        prompt.PrefixTokens, prompt.SuffixTokens, prompt.ContextTokens, prompt.Snippets.Sent, prompt.Snippets.Dropped, prompt.ContextFormat, prompt.CountedByTokenizer);
}
