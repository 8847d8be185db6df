namespace OpenCode.Profiles;

/// <summary>
/// Rewrites one answer's text as it streams (a profile's <c>postProcessor</c>): each chunk's text goes through <see cref="OnText"/>, and
/// what is held back comes out with the final chunk (<see cref="OnEnd"/>). One instance per answer.
/// </summary>
internal abstract class AnswerPostProcessor
{
    /// <summary>Creates the post-processor of one answer, or <see langword="null"/> for <c>none</c>.</summary>
    public static AnswerPostProcessor? Create(string name) => name switch
    {
        "fence-code" => new CodeFence(),
        "trim" => new Trim(),
        _ => null,
    };

    public abstract string OnText(string text);

    public abstract string OnEnd();

    /// <summary>Puts a bare code answer in a Markdown fence; an answer that opens with a fence (or is prose with one) is left alone.</summary>
    private sealed class CodeFence : AnswerPostProcessor
    {
        private string _head = string.Empty;
        private bool? _wrap;

        public override string OnText(string text)
        {
            if (_wrap is not null)
            {
                return text;
            }

            _head += text;
            var start = _head.TrimStart();
            if (start.Length < 3 && !start.Contains('\n', StringComparison.Ordinal))
            {
                return string.Empty; // Not yet enough to tell whether the answer opens with its own fence.
            }

            _wrap = !start.StartsWith("```", StringComparison.Ordinal);
            var head = _head;
            _head = string.Empty;
            return _wrap.Value ? "```\n" + head.TrimStart('\r', '\n') : head;
        }

        public override string OnEnd()
        {
            if (_wrap is null)
            {
                var held = _head.Trim();
                return held.Length == 0 ? string.Empty : "```\n" + held + "\n```";
            }

            return _wrap.Value ? "\n```" : string.Empty;
        }
    }

    /// <summary>Drops blank space before the first text and after the last: trailing blank space is held until more text follows it.</summary>
    private sealed class Trim : AnswerPostProcessor
    {
        private bool _started;
        private string _pendingSpace = string.Empty;

        public override string OnText(string text)
        {
            if (!_started)
            {
                text = text.TrimStart();
                if (text.Length == 0)
                {
                    return string.Empty;
                }

                _started = true;
            }

            var body = text.TrimEnd();
            if (body.Length == 0)
            {
                _pendingSpace += text;
                return string.Empty;
            }

            var result = _pendingSpace + body;
            _pendingSpace = text[body.Length..];
            return result;
        }

        public override string OnEnd() => string.Empty;
    }
}
