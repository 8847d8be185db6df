namespace OpenCode.Completion;

/// <summary>
/// Completions by the document text around the position they were made at. When the user has since typed the start of one, the rest
/// is served: the cursor moved forward, the text after it is unchanged and the text typed is what the completion predicted.
/// </summary>
/// <remarks>
/// Only the last <see cref="KeyCharacters"/> characters before the cursor and the first after it are compared: an edit farther away
/// is outside any prompt budget, so it would not change the completion either. Entries expire after their lifetime on the injected clock.
/// </remarks>
internal sealed class CompletionCache(int capacity, TimeSpan lifetime, TimeProvider time)
{
    public const int KeyCharacters = 8192;

    private readonly LinkedList<Entry> _entries = new();
    private readonly Lock _gate = new();

    public void Add(string document, string prefix, string suffix, string text)
    {
        if (capacity == 0)
        {
            return;
        }

        var entry = new Entry(document, Tail(prefix), prefix.Length, Head(suffix), suffix.Length, text, time.GetUtcNow() + lifetime);
        lock (_gate)
        {
            _entries.AddFirst(entry);
            while (_entries.Count > capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    /// <summary>The rest of a cached completion the user has typed into, the whole one at the same position, or <see langword="null"/>.</summary>
    public string? Lookup(string document, string prefix, string suffix)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                var entry = node.Value;
                if (entry.Expires <= now)
                {
                    _entries.Remove(node);
                }
                else if (entry.Remainder(document, prefix, suffix) is { } rest)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return rest;
                }

                node = next;
            }
        }

        return null;
    }

    public static string Tail(string prefix) => prefix.Length <= KeyCharacters ? prefix : prefix[^KeyCharacters..];

    public static string Head(string suffix) => suffix.Length <= KeyCharacters ? suffix : suffix[..KeyCharacters];

    private sealed record Entry(string Document, string PrefixTail, int PrefixLength, string SuffixHead, int SuffixLength, string Text, DateTimeOffset Expires)
    {
        public string? Remainder(string document, string prefix, string suffix)
        {
            var typed = prefix.Length - PrefixLength;
            if (typed < 0 || typed >= Text.Length + (typed == 0 ? 1 : 0) || suffix.Length != SuffixLength
                || !string.Equals(document, Document, StringComparison.Ordinal)
                || !suffix.AsSpan(0, SuffixHead.Length).SequenceEqual(SuffixHead)
                || !prefix.AsSpan(PrefixLength - PrefixTail.Length, PrefixTail.Length).SequenceEqual(PrefixTail)
                || !Text.AsSpan().StartsWith(prefix.AsSpan(PrefixLength)))
            {
                return null;
            }

            return Text[typed..];
        }
    }
}
