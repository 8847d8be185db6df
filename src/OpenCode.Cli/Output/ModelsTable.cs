using Spectre.Console;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>models</c> as a table: id, context window, parameters, size, and whether it is loaded where the server says.</summary>
internal static class ModelsTable
{
    public static void Write(TextWriter output, IReadOnlyList<ModelJson> models)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var byInstance = models.Any(m => m.Instance is not null);
        var withState = models.Any(m => m.State is not null);
        var table = new Table();
        if (byInstance)
        {
            table.AddColumn("instance");
        }

        table
            .AddColumn("id")
            .AddColumn("family")
            .AddColumn(new TableColumn("context").RightAligned())
            .AddColumn(new TableColumn("params").RightAligned())
            .AddColumn(new TableColumn("size").RightAligned());
        if (withState)
        {
            table.AddColumn("state");
        }

        foreach (var model in models)
        {
            string[] cells =
            [
                Markup.Escape(model.Id),
                Markup.Escape(model.Family),
                Units.Tokens(model.ContextWindow),
                Units.Count(model.ParameterCount),
                Units.Bytes(model.SizeBytes),
                .. withState ? [model.State ?? "-"] : Array.Empty<string>(),
            ];
            table.AddRow(byInstance ? [Markup.Escape(model.Instance ?? string.Empty), .. cells] : cells);
        }

        console.Write(table);
        if (models.Count == 0)
        {
            output.WriteLine("The server lists no models.");
        }
    }
}
