namespace OpenCode.Completion;

/// <summary>What completion needs to know of a language: its line comment (for path comments) and whether blocks are marked by indentation.</summary>
internal sealed record LanguageInfo(string Id, string LineComment, bool IndentationBlocks, string? CommentEnd = null)
{
    private static readonly LanguageInfo CLike = new("plaintext", "//", false);

    private static readonly Dictionary<string, LanguageInfo> ById = new(StringComparer.OrdinalIgnoreCase)
    {
        ["python"] = new("python", "#", true),
        ["ruby"] = new("ruby", "#", false),
        ["shellscript"] = new("shellscript", "#", false),
        ["perl"] = new("perl", "#", false),
        ["r"] = new("r", "#", false),
        ["yaml"] = new("yaml", "#", true),
        ["toml"] = new("toml", "#", false),
        ["lua"] = new("lua", "--", false),
        ["sql"] = new("sql", "--", false),
        ["haskell"] = new("haskell", "--", true),
        ["html"] = new("html", "<!--", false, " -->"),
        ["xml"] = new("xml", "<!--", false, " -->"),
        ["css"] = new("css", "/*", false, " */"),
        ["csharp"] = new("csharp", "//", false),
        ["java"] = new("java", "//", false),
        ["javascript"] = new("javascript", "//", false),
        ["typescript"] = new("typescript", "//", false),
        ["c"] = new("c", "//", false),
        ["cpp"] = new("cpp", "//", false),
        ["go"] = new("go", "//", false),
        ["rust"] = new("rust", "//", false),
        ["kotlin"] = new("kotlin", "//", false),
        ["swift"] = new("swift", "//", false),
        ["php"] = new("php", "//", false),
        ["fsharp"] = new("fsharp", "//", true),
    };

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".py"] = "python",
        [".pyi"] = "python",
        [".rb"] = "ruby",
        [".sh"] = "shellscript",
        [".bash"] = "shellscript",
        [".pl"] = "perl",
        [".r"] = "r",
        [".yml"] = "yaml",
        [".yaml"] = "yaml",
        [".toml"] = "toml",
        [".lua"] = "lua",
        [".sql"] = "sql",
        [".hs"] = "haskell",
        [".html"] = "html",
        [".htm"] = "html",
        [".xml"] = "xml",
        [".csproj"] = "xml",
        [".css"] = "css",
        [".cs"] = "csharp",
        [".java"] = "java",
        [".js"] = "javascript",
        [".mjs"] = "javascript",
        [".jsx"] = "javascript",
        [".ts"] = "typescript",
        [".tsx"] = "typescript",
        [".c"] = "c",
        [".h"] = "c",
        [".cc"] = "cpp",
        [".cpp"] = "cpp",
        [".hpp"] = "cpp",
        [".go"] = "go",
        [".rs"] = "rust",
        [".kt"] = "kotlin",
        [".swift"] = "swift",
        [".php"] = "php",
        [".fs"] = "fsharp",
        [".fsx"] = "fsharp",
    };

    /// <summary>Finds a language by id, else by the path's extension; an unknown language gets C-style line comments and bracket blocks.</summary>
    public static LanguageInfo Resolve(string? id, string path)
    {
        if (id is not null && ById.TryGetValue(id, out var byId))
        {
            return byId;
        }

        if (ByExtension.TryGetValue(Path.GetExtension(path), out var name))
        {
            return ById[name];
        }

        return id is null ? CLike : CLike with { Id = id };
    }

    /// <summary>Writes one line as a comment.</summary>
    public string Comment(string line) => CommentEnd is null ? $"{LineComment} {line}" : $"{LineComment} {line}{CommentEnd}";
}
