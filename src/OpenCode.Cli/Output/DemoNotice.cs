namespace OpenCode.Cli.Output;

/// <summary>The one line that says the answers come from the demo model, and how to use a real one.</summary>
internal static class DemoNotice
{
    public const string Text =
        "note: no model configured, so using the built-in demo model; it has random weights, so its output is gibberish. "
        + "Use a real model with --model-path FILE.gguf or a server with --endpoint URL.";

    public static void Write(TextWriter error) => error.WriteLine(Text);
}
