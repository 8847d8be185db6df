using OpenCode.Completion;

namespace OpenCode.Cli.Commands;

/// <summary>What <c>infill --cursor</c> was asked for.</summary>
internal sealed record CompletionCliOptions(string Document, string Cursor, string[] Context, CompletionLineMode LineMode, int? MaxTokens, float? Temperature);
