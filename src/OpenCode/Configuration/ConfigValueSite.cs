namespace OpenCode.Configuration;

/// <summary>Where a value sits in a config file.</summary>
/// <param name="Path">The setting as written in the file (<c>quotas.budgets[0].tokens</c>); <c>(root)</c> for the document itself.</param>
/// <param name="Line">The 1-based line of the value's last character (of the opening bracket for an object or array).</param>
/// <param name="Position">The 1-based character position of that character in its line.</param>
internal readonly record struct ConfigValueSite(string Path, int Line, int Position)
{
    internal const string RootPath = "(root)";

    /// <summary>Gets the text a message ends with: <c>(line 2, position 14)</c>.</summary>
    public override string ToString() => $"(line {Line}, position {Position})";
}
