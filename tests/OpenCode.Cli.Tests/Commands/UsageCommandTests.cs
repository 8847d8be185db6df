using System.Text.Json;
using OpenCode.Cli.Output;
using OpenCode.Cli.Tests.Fakes;
using OpenCode.Storage;
using OpenCode.Storage.Sqlite;

namespace OpenCode.Cli.Tests.Commands;

public sealed class UsageCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("opencode-usage-");

    private string Ledger => Path.Combine(_directory.FullName, "usage.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_AfterChatAndAFailedChat_ShowsWhatTheCliRecorded()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var environment = new Dictionary<string, string> { ["USAGE_DB"] = Ledger };
        (await CliRun.RunAsync(["chat", "Write a function", "--endpoint", server.Url], environment, Ct)).ExitCode.ShouldBe(0);
        (await CliRun.RunAsync(["chat", "trigger:500", "--endpoint", server.Url], environment, Ct)).ExitCode.ShouldBe(ExitCodes.ServerFailure);

        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var totals = document.RootElement.GetProperty("totals");
        totals.GetProperty("requests").GetInt64().ShouldBe(2);
        totals.GetProperty("errors").GetInt64().ShouldBe(1);
        totals.GetProperty("totalTokens").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_Json_TotalsPerModelAndDayWithinThePeriod()
    {
        var now = TimeProvider.System.GetUtcNow();
        await RecordAsync(
            Record(now.AddMinutes(-5), "gpu-1", "qwen2.5-coder:7b", 100, 20, 0.01m),
            Record(now.AddMinutes(-4), "gpu-1", "qwen2.5-coder:7b", 50, 10, null, OpenCodeErrorCodes.Timeout),
            Record(now.AddMinutes(-3), "gpu-2", "starcoder2", 7, 3, null),
            Record(now.AddDays(-40), "gpu-1", "qwen2.5-coder:7b", 1000, 1000, 5m));

        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        root.GetProperty("ledger").GetString().ShouldBe(Ledger);
        var totals = root.GetProperty("totals");
        (totals.GetProperty("requests").GetInt64(), totals.GetProperty("errors").GetInt64(), totals.GetProperty("totalTokens").GetInt64(), totals.GetProperty("cost").GetDecimal())
            .ShouldBe((3L, 1L, 190L, 0.01m));
        root.GetProperty("byModel").EnumerateArray().Select(m => (m.GetProperty("endpoint").GetString(), m.GetProperty("model").GetString(), m.GetProperty("totals").GetProperty("requests").GetInt64()))
            .ShouldBe([("gpu-1", "qwen2.5-coder:7b", 2L), ("gpu-2", "starcoder2", 1L)]);
        root.GetProperty("byDay").EnumerateArray().Sum(d => d.GetProperty("totals").GetProperty("totalTokens").GetInt64()).ShouldBe(190);
        root.GetProperty("server").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_ConfiguredBudgets_ShowTheirUseThisPeriod()
    {
        await RecordAsync(Record(TimeProvider.System.GetUtcNow(), "gpu-1", "m", 600, 200, null));
        var config = CliRun.ConfigFile("""{ "quotas": { "budgets": [ { "period": "monthly", "tokens": 1000, "model": "m" } ] } }""");

        var json = await CliRun.RunAsync("usage", "--ledger", Ledger, "--config", config, "--json");
        var text = await CliRun.RunAsync("usage", "--ledger", Ledger, "--config", config);

        using var document = JsonDocument.Parse(json.Stdout);
        var quota = document.RootElement.GetProperty("quotas").EnumerateArray().ShouldHaveSingleItem();
        (quota.GetProperty("period").GetString(), quota.GetProperty("metric").GetString(), quota.GetProperty("used").GetDecimal(), quota.GetProperty("percent").GetDecimal())
            .ShouldBe(("monthly", "tokens", 800m, 80m));
        text.Stdout.ShouldContain("Monthly tokens budget for model 'm': 800 of 1,000 (80%), resets ");
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_DaysCoveringOldRecords_IncludesThem()
    {
        var now = TimeProvider.System.GetUtcNow();
        await RecordAsync(Record(now.AddDays(-40), "gpu-1", "m", 1000, 0, null), Record(now, "gpu-1", "m", 1, 0, null));

        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--days", "41", "--json");

        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("totals").GetProperty("promptTokens").GetInt64().ShouldBe(1001);
        document.RootElement.GetProperty("byDay").GetArrayLength().ShouldBe(2);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_Text_PrintsTableTotalRowAndDailyBars()
    {
        var now = TimeProvider.System.GetUtcNow();
        await RecordAsync(Record(now, "gpu-1", "starcoder2", 1234, 56, 0.5m));

        var result = await CliRun.RunAsync("usage", "--ledger", Ledger);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("starcoder2");
        result.Stdout.ShouldContain("1,234");
        result.Stdout.ShouldContain("total");
        result.Stdout.ShouldContain("Tokens per day");
        result.Stdout.ShouldContain(now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_NoLedgerYet_SaysSoWithoutCreatingOne()
    {
        var result = await CliRun.RunAsync("usage", "--ledger", Ledger);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("No requests recorded in this period.");
        File.Exists(Ledger).ShouldBeFalse();
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_LedgerFromEnvironment_IsRead()
    {
        await RecordAsync(Record(TimeProvider.System.GetUtcNow(), "e", "m", 42, 0, null));

        var result = await CliRun.RunAsync(["usage", "--json"], new Dictionary<string, string> { ["USAGE_DB"] = Ledger }, Ct);

        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("totals").GetProperty("promptTokens").GetInt64().ShouldBe(42);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_ServerOffersUsageStats_ShowsItsNumbersAlongside()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { UsageStats = """{"totalRequests":1500,"totalTokens":2500000}""" });

        var json = await CliRun.RunAsync("usage", "--ledger", Ledger, "--endpoint", server.Url, "--json");
        var text = await CliRun.RunAsync("usage", "--ledger", Ledger, "--endpoint", server.Url);

        using var document = JsonDocument.Parse(json.Stdout);
        var stats = document.RootElement.GetProperty("server");
        (stats.GetProperty("totalRequests").GetInt64(), stats.GetProperty("totalTokens").GetInt64()).ShouldBe((1500L, 2500000L));
        text.Stdout.ShouldContain("Server /usage/stats: 1.5K requests, 2.5M tokens");
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_ServerWithoutUsageStats_ShowsNoServerNumbers()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("server").ValueKind.ShouldBe(JsonValueKind.Null);
        document.RootElement.GetProperty("serverError").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_ServerUnreachable_ReportsItAndStillExits0()
    {
        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--endpoint", "http://127.0.0.1:1", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("serverError").GetString().ShouldNotBeNull().ShouldStartWith("unavailable (");
    }

    [Fact(Timeout = 30_000)]
    public async Task Usage_DaysOutOfRange_IsAUsageError()
    {
        var result = await CliRun.RunAsync("usage", "--ledger", Ledger, "--days", "0");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("--days must be 1 to 3650.");
    }

    private async Task RecordAsync(params UsageRecord[] records)
    {
        var stores = SqliteOpenCodeStores.Open(Ledger);
        foreach (var record in records)
        {
            await stores.Usage.RecordAsync(record, Ct);
        }
    }

    private static UsageRecord Record(DateTimeOffset at, string endpoint, string model, long prompt, long completion, decimal? cost, string? error = null) =>
        new(Guid.NewGuid(), at, endpoint, model, null, prompt, completion, cost, error);
}
