using System.Text;

namespace OpenCode.Local.InProcess;

/// <summary>
/// Finds stop sequences in streamed text: text that could still become a stop sequence is held back until it cannot, and the stop
/// sequence itself is never handed on.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    /// <summary>Gets a value indicating whether a stop sequence was found; nothing more is to be generated.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds generated text and returns what may be handed on now.</summary>
    public string Push(string text)
    {
        if (stops.Count == 0)
        {
            return text;
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        int found = -1;
        foreach (var stop in stops)
        {
            int at = stop.Length == 0 ? -1 : pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (found < 0 || at < found))
            {
                found = at;
            }
        }

        if (found >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return pending[..found];
        }

        int hold = HeldBack(pending);
        _pending.Clear().Append(pending, pending.Length - hold, hold);
        return pending[..^hold];
    }

    /// <summary>Returns the text held back when generation ended without a stop sequence.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    /// <summary>The length of the longest end of <paramref name="text"/> that begins some stop sequence.</summary>
    private int HeldBack(string text)
    {
        int longest = 0;
        foreach (var stop in stops)
        {
            for (int length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
