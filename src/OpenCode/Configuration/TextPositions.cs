namespace OpenCode.Configuration;

/// <summary>Turns a byte offset in UTF-8 text into a 1-based line and character position, counting the newlines once.</summary>
/// <remarks><see cref="System.Text.Json.Utf8JsonReader"/> reports lines only for invalid JSON; a valid file's values get theirs here.</remarks>
internal sealed class TextPositions
{
    private readonly byte[] utf8;
    private readonly List<int> newlines = [];

    internal TextPositions(byte[] utf8)
    {
        this.utf8 = utf8;
        for (var i = Array.IndexOf(utf8, (byte)'\n'); i >= 0; i = Array.IndexOf(utf8, (byte)'\n', i + 1))
        {
            newlines.Add(i);
        }
    }

    /// <summary>Gets the line and position of the character that ends just before <paramref name="end"/>.</summary>
    internal (int Line, int Position) Before(long end)
    {
        var last = (int)end - 1;
        var index = newlines.BinarySearch(last);
        var line = index >= 0 ? index : ~index; // newlines before the character
        var lineStart = line == 0 ? 0 : newlines[line - 1] + 1;
        var position = 0;
        for (var i = lineStart; i <= last; i++)
        {
            // Count characters, not bytes: a UTF-8 continuation byte (10xxxxxx) belongs to the character before it.
            position += (utf8[i] & 0xC0) == 0x80 ? 0 : 1;
        }

        return (line + 1, position);
    }
}
