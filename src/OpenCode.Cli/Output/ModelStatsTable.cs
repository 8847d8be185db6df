using System.Globalization;
using Spectre.Console;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>models --stats</c> as a table, fastest median latency first.</summary>
internal static class ModelStatsTable
{
    public static void Write(TextWriter output, IReadOnlyList<ModelStatsJson> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table()
            .AddColumn("model")
            .AddColumn(new TableColumn("ttft p50").RightAligned())
            .AddColumn(new TableColumn("tokens/s").RightAligned())
            .AddColumn(new TableColumn("latency p50").RightAligned())
            .AddColumn(new TableColumn("p95").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Model),
                Ms(row.TimeToFirstTokenMsP50),
                row.TokensPerSecond?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                Ms(row.LatencyMsP50),
                Ms(row.LatencyMsP95),
                string.Create(CultureInfo.InvariantCulture, $"{row.Errors}/{row.Requests}"));
        }

        console.Write(table);
    }

    private static string Ms(double? milliseconds) =>
        milliseconds is { } ms ? ms.ToString("N1", CultureInfo.InvariantCulture) + " ms" : "-";
}
