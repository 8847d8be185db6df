using System.Text;

namespace OpenCode.Families;

/// <summary>
/// A family's repository-level prompt: a repository marker, then each file as a separator, its path and its text, then a
/// separator before the fill-in-the-middle prompt of the file being edited (Qwen2.5-Coder's model card).
/// </summary>
/// <param name="RepositoryToken">The token that opens the repository (<c>&lt;|repo_name|&gt;</c>).</param>
/// <param name="FileSeparatorToken">The token before each file's path (<c>&lt;|file_sep|&gt;</c>).</param>
internal sealed record RepositoryContextFormat(string RepositoryToken, string FileSeparatorToken)
{
    /// <summary>The repository name written after the repository token; the request does not name one.</summary>
    public const string RepositoryName = "workspace";

    /// <summary>Puts <paramref name="files"/> before a single-file fill-in-the-middle prompt.</summary>
    /// <param name="files">The other files.</param>
    /// <param name="fimPrompt">The prompt of the file being edited.</param>
    /// <returns>The repository-level prompt.</returns>
    public string Wrap(IReadOnlyList<InfillFile> files, string fimPrompt)
    {
        ArgumentNullException.ThrowIfNull(files);
        var prompt = new StringBuilder(RepositoryToken).Append(RepositoryName).Append('\n');
        foreach (var file in files)
        {
            prompt.Append(FileSeparatorToken).Append(file.FileName).Append('\n').Append(file.Text).Append('\n');
        }

        return prompt.Append(FileSeparatorToken).Append('\n').Append(fimPrompt).ToString();
    }
}
