using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Storage.Postgres;

namespace OpenCode.Storage.FleetClient;

/// <summary>
/// One app instance of a fleet using the whole provider: PostgreSQL stores (shared limits and ledger), requests per minute
/// limited fleet-wide, no client-side waiting (a spent limit fails at once), against a real server.
/// Arguments: &lt;connection string&gt; &lt;endpoint&gt; &lt;requests per minute&gt; &lt;requests&gt;.
/// Prints "ok &lt;prompt tokens&gt; &lt;completion tokens&gt;" per answer and "limited" per refusal, then "done".
/// </summary>
internal static class ProviderFleetClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4)
        {
            await Console.Error.WriteLineAsync("usage: fleet-client provider <connection string> <endpoint> <requests per minute> <requests>").ConfigureAwait(false);
            return 2;
        }

        await using var handle = await PostgresOpenCodeStores.OpenAsync(args[0]).ConfigureAwait(false);
        var options = new OpenCodeOptions
        {
            ApiEndpoint = args[1],
            RateLimits = { RequestsPerMinute = int.Parse(args[2], CultureInfo.InvariantCulture), QueueTimeout = 0, ConcurrentRequests = 20 },

            // The default retries: llama-server closes a connection after each stream, and under 20 concurrent requests a
            // resend can meet a second dead pooled connection; a retry sits below the limiter, so the fleet count is unchanged.
            Resilience = { MaxAttempts = 3 },
        };
        await using var provider = new OpenCodeProvider(options, stores: handle.Stores);
        var requests = int.Parse(args[3], CultureInfo.InvariantCulture);
        var lines = await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            try
            {
                var answer = await provider.SendMessageAsync(new MessageRequest { Prompt = $"int f{i}() {{", MaxTokens = 4 })
                    .ToCompletedMessageAsync().ConfigureAwait(false);
                return FormattableString.Invariant($"ok {answer.Usage!.PromptTokens} {answer.Usage.CompletionTokens}");
            }
            catch (OpenCodeRateLimitException)
            {
                return "limited";
            }
        })).ConfigureAwait(false);
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine("done");
        return 0;
    }
}
