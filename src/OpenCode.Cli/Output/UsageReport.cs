using System.Globalization;
using Spectre.Console;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>usage</c>: a table per endpoint and model with a total row, a bar per day of tokens, and the server's numbers.</summary>
internal static class UsageReport
{
    public static void Write(TextWriter output, UsageReportJson usage)
    {
        // Plain text: the report is as often piped to a file as read on a terminal, and escape codes would litter the file.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Usage from {usage.From:yyyy-MM-dd} to {usage.To:yyyy-MM-dd HH:mm} UTC (ledger {usage.Ledger})"));
        if (usage.ByModel.Count == 0)
        {
            output.WriteLine("No requests recorded in this period.");
        }
        else
        {
            var table = new Table()
                .AddColumn("endpoint")
                .AddColumn("model")
                .AddColumn(new TableColumn("requests").RightAligned())
                .AddColumn(new TableColumn("errors").RightAligned())
                .AddColumn(new TableColumn("prompt").RightAligned())
                .AddColumn(new TableColumn("output").RightAligned())
                .AddColumn(new TableColumn("cost").RightAligned());
            foreach (var row in usage.ByModel)
            {
                table.AddRow([Markup.Escape(row.Endpoint), Markup.Escape(row.Model), .. Cells(row.Totals)]);
            }

            table.AddRow(["total", string.Empty, .. Cells(usage.Totals)]);
            console.Write(table);
            WriteDays(console, usage.ByDay);
        }

        foreach (var quota in usage.Quotas)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{char.ToUpperInvariant(quota.Description[0])}{quota.Description[1..]}: {quota.Used:#,0.####} of {quota.Limit:#,0.####} ({quota.Percent:0}%), resets {quota.ResetsAt:yyyy-MM-dd HH:mm} UTC"));
        }

        if (usage.Server is { } server)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Server /usage/stats: {Units.Count(server.TotalRequests)} requests, {Units.Count(server.TotalTokens)} tokens (all clients, as the server counts them)"));
        }
        else if (usage.ServerError is { } error)
        {
            output.WriteLine("Server /usage/stats: " + error);
        }
    }

    private static void WriteDays(IAnsiConsole console, List<UsageDayJson> days)
    {
        var chart = new BarChart().Label("Tokens per day").Width(70).LeftAlignLabel();
        foreach (var day in days)
        {
            chart.AddItem(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Totals.TotalTokens);
        }

        console.Write(chart);
    }

    private static string[] Cells(UsageTotalsJson totals) =>
    [
        totals.Requests.ToString("N0", CultureInfo.InvariantCulture),
        totals.Errors.ToString("N0", CultureInfo.InvariantCulture),
        totals.PromptTokens.ToString("N0", CultureInfo.InvariantCulture),
        totals.CompletionTokens.ToString("N0", CultureInfo.InvariantCulture),
        totals.Cost.ToString("0.####", CultureInfo.InvariantCulture),
    ];
}
