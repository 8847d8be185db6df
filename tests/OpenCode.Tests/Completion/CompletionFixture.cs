using OpenCode.Completion;
using OpenCode.Families;

namespace OpenCode.Tests.Completion;

/// <summary>
/// One golden case from Fixtures/{family}.{language}.{case}.fixture: headers (<c>mode:</c>, <c>rule:</c>, <c>range:</c>), then
/// <c>=== document</c> (with <c>&lt;|cursor|&gt;</c>), <c>=== raw</c> (the model's output) and <c>=== expected</c> (the completion).
/// </summary>
internal sealed record CompletionFixture(string Name, ModelFamily Family, string Language, string Document, int Cursor, string Raw, string Expected,
    CompletionLineMode Mode, string? Rule, int Range)
{
    private const string CursorMarker = "<|cursor|>";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Completion", "Fixtures");

    public static IReadOnlyList<string> AllNames => [.. System.IO.Directory.GetFiles(Directory, "*.fixture").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    public static TheoryData<string> Names() => new(AllNames);

    public static CompletionFixture Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(Directory, name + ".fixture")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var sections = text.Split("=== ");
        var headers = sections[0].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        string Section(string title) => sections.Single(s => s.StartsWith(title + "\n", StringComparison.Ordinal))[(title.Length + 1)..];
        var document = Section("document");
        var raw = Section("raw");
        var expected = Section("expected");
        var family = ModelFamily.All.FirstOrDefault(f => name.StartsWith(f.Id + ".", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{name}: the name starts with no known family.");
        var parts = name[(family.Id.Length + 1)..].Split('.');
        return new CompletionFixture(
            name,
            family,
            parts[0],
            document.Replace(CursorMarker, string.Empty, StringComparison.Ordinal),
            document.IndexOf(CursorMarker, StringComparison.Ordinal),
            raw[..^1],
            expected[..^1],
            Enum.Parse<CompletionLineMode>(headers.GetValueOrDefault("mode", "auto").Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true),
            headers.GetValueOrDefault("rule") is "none" or null ? null : headers["rule"],
            int.Parse(headers.GetValueOrDefault("range", "0"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public CodeCompletionRequest Request => new() { DocumentPath = "src/example." + Language, Language = Language, Text = Document, Cursor = Cursor, LineMode = Mode };
}
