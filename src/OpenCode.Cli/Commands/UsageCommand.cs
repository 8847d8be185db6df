using System.CommandLine;
using Microsoft.Extensions.Configuration;
using OpenCode.Cli.Output;
using OpenCode.Cli.Storage;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Quotas;
using OpenCode.Storage;
using OpenCode.Storage.Sqlite;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode usage</c>: what the local usage ledger recorded over the last days, and the server's own count where it offers one.</summary>
internal static class UsageCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var days = NumberOptions.Int("--days", 1, 3650, defaultValue: 30, outOfRange: "--days must be 1 to 3650.");
        days.Description = "How many days back, today included (1 to 3650).";
        var ledger = new Option<string?>("--ledger") { Description = $"The usage database file (default: {CliContext.DefaultEnvironmentPrefix}{CliStores.PathVariable}, else {SqliteOpenCodeStores.DefaultPath()})." };
        var command = new Command("usage", "Show recorded usage: requests, tokens and cost per model and per day.") { days, ledger };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var arguments = common.Read(parseResult);
            return CommandExecution.GuardAsync(
                context,
                arguments,
                _ => RunAsync(context, arguments, parseResult.GetValue(days), parseResult.GetValue(ledger), TimeProvider.System, cancellationToken),
                cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, CommonArguments arguments, int days, string? ledgerPath, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new ConfigurationBuilder().AddOpenCodeConfiguration(arguments.ConfigPath, context.EnvironmentPrefix).Build().GetOpenCodeOptions();
        OpenCodeOptionsValidator.ValidateOrThrow(options);
        var path = CliStores.ResolvePath(context, ledgerPath);
        var now = time.GetUtcNow();
        var query = new UsageQuery(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days), now.AddTicks(1));

        // Reading must not create a ledger: an absent file just means nothing was recorded yet.
        var usage = File.Exists(path) ? CliStores.Open(context, path).Usage : OpenCodeStores.CreateInMemory().Usage;
        var totals = await usage.GetTotalsAsync(query, cancellationToken);
        var byModel = await usage.GetTotalsByModelAsync(query, cancellationToken);
        var byDay = await usage.GetDailyTotalsAsync(query, cancellationToken);
        var quotas = await new QuotaEnforcer(usage, options.Quotas, alerts: null, time).GetStatusAsync(null, null, null, cancellationToken);
        var (server, serverError) = await ReadServerAsync(options, arguments, cancellationToken);
        var report = new UsageReportJson(
            query.From,
            now,
            path,
            UsageTotalsJson.From(totals),
            [.. byModel.Select(m => new UsageModelJson(m.Endpoint, m.Model, UsageTotalsJson.From(m.Totals)))],
            [.. byDay.Select(d => new UsageDayJson(d.Day, UsageTotalsJson.From(d.Totals)))],
            [.. quotas.Select(QuotaJson.From)],
            server,
            serverError);
        if (arguments.Json)
        {
            await JsonOutput.WriteAsync(context.Out, report, CliJsonContext.Default.UsageReportJson);
        }
        else
        {
            UsageReport.Write(context.Out, report);
        }

        return ExitCodes.Success;
    }

    /// <summary>Asks the configured server's <c>/usage/stats</c>; a server without one, or none configured, gives no numbers and no error.</summary>
    private static async Task<(ServerUsageJson?, string?)> ReadServerAsync(OpenCodeOptions options, CommonArguments arguments, CancellationToken cancellationToken)
    {
        var endpoint = string.IsNullOrEmpty(arguments.Endpoint) ? options.ApiEndpoint : arguments.Endpoint;
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return (null, null);
        }

        if (!string.IsNullOrEmpty(arguments.ApiKey))
        {
            options.Auth.ApiKey = arguments.ApiKey;
        }

        using var client = new OpenCodeClient(OpenCodeClientOptions.FromOptions(options, uri));
        try
        {
            var stats = await client.GetUsageStatsAsync(cancellationToken);
            return stats is null ? (null, null) : (new ServerUsageJson(stats.TotalRequests, stats.TotalTokens), null);
        }
        catch (OpenCodeException exception) when (exception.Code != OpenCodeErrorCodes.InvalidConfiguration)
        {
            // The local ledger is the answer; the server's numbers are extra, so their failure is reported, not fatal.
            return (null, $"unavailable ({exception.Code}: {exception.Message})");
        }
    }
}
