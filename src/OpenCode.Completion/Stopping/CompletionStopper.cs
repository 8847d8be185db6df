using System.Text;

namespace OpenCode.Completion;

/// <summary>
/// Applies the stop rules to a completion as its text streams in: the family's stop tokens on the raw text, the end of the line in
/// single-line mode, and the line rules on each line as its line break arrives. Once stopped, later text is ignored.
/// </summary>
internal sealed class CompletionStopper
{
    private readonly CompletionContext _context;
    private readonly ILineStopRule[] _rules;
    private readonly StringBuilder _raw = new();
    private int _lineStart;
    private int _lineIndex;
    private string? _previousLine;

    public CompletionStopper(CompletionContext context)
    {
        _context = context;
        _rules = context.Mode == CompletionLineMode.MultiLine
            ? [new SuffixRepeatRule(), new RepeatedLineRule(), new BlankRunRule(), new BlockEndRule()]
            : [new SuffixRepeatRule()];
    }

    /// <summary>Gets a value indicating whether a rule has ended the completion.</summary>
    public bool Stopped => Rule is not null;

    /// <summary>Gets the name of the rule that ended it, or <see langword="null"/>.</summary>
    public string? Rule { get; private set; }

    /// <summary>Gets the text accepted so far: up to the stop, else every line whose line break has arrived (all of it in single-line mode).</summary>
    public string Accepted => Stopped || _context.Mode == CompletionLineMode.SingleLine ? _raw.ToString() : _raw.ToString(0, _lineStart);

    /// <summary>Adds generated text; returns <see langword="true"/> when the completion has ended.</summary>
    public bool Append(string delta)
    {
        if (Stopped || delta.Length == 0)
        {
            return Stopped;
        }

        var from = Math.Max(0, _raw.Length - 32);
        _raw.Append(delta);
        if (FindStopToken(from) is { } at)
        {
            // The lines before the token still go through the rules; the token itself is never part of the completion.
            _raw.Length = at;
            CheckLines(final: true);
            Rule ??= "stop-token";
            return true;
        }

        CheckLines(final: false);
        return Stopped;
    }

    /// <summary>Ends the generation: the last line, without its line break, goes through the rules too.</summary>
    public string Finish()
    {
        if (!Stopped)
        {
            CheckLines(final: true);
        }

        return _raw.ToString();
    }

    private int? FindStopToken(int from)
    {
        int? first = null;
        var text = _raw.ToString(from, _raw.Length - from);
        foreach (var token in _context.StopTokens)
        {
            var i = text.IndexOf(token, StringComparison.Ordinal);
            if (i >= 0 && (first is null || from + i < first))
            {
                first = from + i;
            }
        }

        return first;
    }

    private void CheckLines(bool final)
    {
        while (!Stopped)
        {
            var end = IndexOf('\n', _lineStart);
            if (end < 0 && !final)
            {
                return;
            }

            var complete = end >= 0;
            var line = _raw.ToString(_lineStart, (complete ? end : _raw.Length) - _lineStart).TrimEnd('\r');
            if (complete && _context.Mode == CompletionLineMode.SingleLine && (_lineIndex > 0 || !TextLines.IsBlank(line) || !_context.AtLineStart))
            {
                Cut(end, "single-line");
            }

            foreach (var rule in _rules)
            {
                if (!Stopped && rule.Check(_context, new CompletionLine(line, _lineIndex, _previousLine, complete)) is { } cut)
                {
                    Cut(_lineStart + cut, rule.Name);
                }
            }

            if (!complete)
            {
                return;
            }

            _previousLine = line;
            _lineIndex++;
            _lineStart = end + 1;
        }
    }

    private int IndexOf(char c, int from)
    {
        for (var i = from; i < _raw.Length; i++)
        {
            if (_raw[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private void Cut(int at, string rule)
    {
        if (Stopped || at > _raw.Length)
        {
            return;
        }

        _raw.Length = at;
        Rule = rule;
    }
}
