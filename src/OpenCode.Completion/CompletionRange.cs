namespace OpenCode.Completion;

/// <summary>The part of the document a completion replaces, as offsets: from the cursor, and past it when the completion retypes text after the cursor.</summary>
/// <param name="Start">The first offset replaced (the cursor).</param>
/// <param name="End">The offset after the last character replaced; equal to <paramref name="Start"/> for a pure insertion.</param>
public readonly record struct CompletionRange(int Start, int End)
{
    /// <summary>Gets the number of characters replaced.</summary>
    public int Length => End - Start;
}
