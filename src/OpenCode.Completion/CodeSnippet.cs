namespace OpenCode.Completion;

/// <summary>Code from elsewhere given as context for a completion: another open file, a recent edit, a definition.</summary>
/// <param name="Path">The file's path, as the model should see it.</param>
/// <param name="Text">The text; cut at line boundaries to fit the context budget.</param>
public sealed record CodeSnippet(string Path, string Text);
