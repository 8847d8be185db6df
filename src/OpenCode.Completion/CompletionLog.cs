using Microsoft.Extensions.Logging;

namespace OpenCode.Completion;

/// <summary>Source-generated log messages of code completion; none carries code.</summary>
internal static partial class CompletionLog
{
    [LoggerMessage(700, LogLevel.Debug, "Tokenize failed ({Code}); token counts fall back to the length heuristic")]
    public static partial void TokenizeFailed(ILogger logger, string code);

    [LoggerMessage(701, LogLevel.Debug, "Completion for {Document} sent: {PrefixTokens} prefix, {SuffixTokens} suffix, {ContextTokens} context tokens")]
    public static partial void Sent(ILogger logger, string document, int prefixTokens, int suffixTokens, int contextTokens);

    [LoggerMessage(702, LogLevel.Debug, "Completion for {Document} served from {Source}")]
    public static partial void Reused(ILogger logger, string document, CodeCompletionSource source);

    [LoggerMessage(703, LogLevel.Debug, "Generation for {Document} cancelled: superseded by a newer request")]
    public static partial void Superseded(ILogger logger, string document);
}
