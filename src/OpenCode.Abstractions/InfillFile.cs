namespace OpenCode;

/// <summary>A file given to an <see cref="InfillRequest"/> as context.</summary>
/// <param name="FileName">The file's name or path, as the model should see it.</param>
/// <param name="Text">The file's text.</param>
public sealed record InfillFile(string FileName, string Text);
