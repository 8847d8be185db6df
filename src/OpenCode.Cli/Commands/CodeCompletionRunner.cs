using System.Globalization;
using OpenCode.Cli.Output;
using OpenCode.Completion;

namespace OpenCode.Cli.Commands;

/// <summary>Runs <c>infill --file --cursor</c> through <see cref="CodeCompletionService"/> and prints the completion (or, with <c>--json</c>, it and its range).</summary>
internal static class CodeCompletionRunner
{
    public static async Task<int> RunAsync(CommandSession session, CompletionCliOptions options, CancellationToken cancellationToken)
    {
        var text = await ReadAsync("--file", options.Document, cancellationToken);
        var cursor = ParseCursor(options.Cursor).ToOffset(text);
        var snippets = new List<CodeSnippet>();
        foreach (var path in options.Context)
        {
            snippets.Add(new CodeSnippet(path, await ReadAsync("--context", path, cancellationToken)));
        }

        await session.InitializeAsync(cancellationToken);
        var service = CodeCompletionService.Create(session.Provider, new CodeCompletionOptions
        {
            MaxTokens = options.MaxTokens ?? session.Settings.DefaultMaxTokens ?? 64,
            Temperature = options.Temperature ?? 0.2f,
            CacheEntries = 0,
        });
        var completion = await service.CompleteAsync(
            new CodeCompletionRequest { DocumentPath = options.Document, Text = text, Cursor = cursor, Context = snippets, LineMode = options.LineMode },
            cancellationToken);
        if (session.Arguments.Json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, CodeCompletionJson.From(completion, text), CliJsonContext.Default.CodeCompletionJson);
        }
        else
        {
            await session.Context.Out.WriteLineAsync(completion.Text);
        }

        return ExitCodes.Success;
    }

    public static async Task<string> ReadAsync(string option, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"{option}: cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>Reads LINE:COL, both 1-based as editors show them, into a zero-based position.</summary>
    private static TextPosition ParseCursor(string value)
    {
        var parts = value.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line) && line >= 1
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var column) && column >= 1)
        {
            return new TextPosition(line - 1, column - 1);
        }

        throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"--cursor: '{value}' is not LINE:COL with both numbers 1 or more (for example 12:5).");
    }
}
