using Spectre.Console;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>models</c> as a table: id, context window, parameters, size.</summary>
internal static class ModelsTable
{
    public static void Write(TextWriter output, IReadOnlyList<ModelJson> models)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table()
            .AddColumn("id")
            .AddColumn("family")
            .AddColumn(new TableColumn("context").RightAligned())
            .AddColumn(new TableColumn("params").RightAligned())
            .AddColumn(new TableColumn("size").RightAligned());
        foreach (var model in models)
        {
            table.AddRow(
                Markup.Escape(model.Id),
                Markup.Escape(model.Family),
                Units.Tokens(model.ContextWindow),
                Units.Count(model.ParameterCount),
                Units.Bytes(model.SizeBytes));
        }

        console.Write(table);
        if (models.Count == 0)
        {
            output.WriteLine("The server lists no models.");
        }
    }
}
