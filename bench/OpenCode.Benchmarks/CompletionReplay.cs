using System.Diagnostics;
using System.Globalization;
using OpenCode.Client;
using OpenCode.Completion;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// Types through real source files keystroke by keystroke against a real llama-server (a tiny random-weight model with the real StarCoder
/// tokenizer), asking <see cref="CodeCompletionService"/> for a completion at each pause without waiting for it, as an editor does; then
/// asks a raw <c>/infill</c> (whole document, no service) at the same pauses. Reports requests sent against keystrokes, time to first
/// suggestion, prompt tokens per request and the server's cached-token share, and checks budgets, stop rules and filters on every answer.
/// </summary>
internal static class CompletionReplay
{
    private const string StdlibDirectory = "/root/.pyenv/versions/3.11.7/lib/python3.11";
    private static readonly string[] Files = ["textwrap.py", "shlex.py", "bisect.py", "colorsys.py", "fnmatch.py"];

    public static async Task<int> RunAsync(string[] args)
    {
        var charsPerFile = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var keystrokeMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var pauseMs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 250;
        var rawSamples = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40;
        if (!File.Exists(Path.Combine(StdlibDirectory, "LICENSE.txt")))
        {
            Console.Error.WriteLine($"No Python standard library with its licence (PSF) at {StdlibDirectory}.");
            return 2;
        }

        var model = Path.Combine(Directory.CreateTempSubdirectory("opencode-replay-").FullName, "replay.gguf");
        TinyModelFactory.Write(new TinyModelSpec { Name = "replay", EmbeddingLength = 32, HeadCount = 2, Vocabulary = VocabularySource.FromVocabFile(VocabularySource.GetKnownVocabularyPath("starcoder")) }, model);
        await using var server = await LocalLlamaServer.StartAsync(model, new LocalServerOptions { ContextSize = 4096, Parallel = 2 });
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        await provider.InitializeAsync();
        var options = new CodeCompletionOptions { MaxTokens = 16, TimeLimit = TimeSpan.FromSeconds(20), PrefixTokens = 512, SuffixTokens = 128, ContextTokens = 256 };
        var service = CodeCompletionService.Create(provider, options);

        var asks = new List<ReplayAsk>();
        var keystrokes = 0;
        foreach (var name in Files)
        {
            var source = await File.ReadAllTextAsync(Path.Combine(StdlibDirectory, name));
            var start = source.IndexOf("\ndef ", source.Length / 3, StringComparison.Ordinal) + 1;
            var typed = source.Substring(start, Math.Min(charsPerFile, source.Length - start));
            var context = Files.Where(f => f != name).Take(2).Select(f => new CodeSnippet(f, File.ReadAllText(Path.Combine(StdlibDirectory, f))[..2000])).ToList();
            keystrokes += await TypeAsync(service, name, source.Remove(start, typed.Length), start, typed, context, keystrokeMs, pauseMs, asks);
            Console.Error.WriteLine($"typed {name}: {keystrokes} keystrokes, {asks.Count} asks");
        }

        await Task.WhenAll(asks.Select(a => a.Task));
        // The raw client waits for each answer; on a busy machine every pause would take too long, so an even sample of them.
        var step = Math.Max(1, asks.Count / Math.Max(1, rawSamples));
        List<ReplayAsk> sampled = [.. asks.Where((_, i) => i % step == 0).Take(rawSamples)];
        var raw = await RawInfillAsync(provider, sampled);
        Console.Error.WriteLine($"raw /infill: {raw.Count} requests");
        // The same pauses through a fresh service, one at a time: its cost per request next to the raw call, in the same conditions.
        var sequential = CodeCompletionService.Create(provider, options);
        var alone = new List<ReplayAsk>();
        foreach (var ask in sampled)
        {
            alone.Add(ReplayAsk.Start(sequential, ask.Request));
            await alone[^1].Task;
        }
        var failures = await ReplayChecks.RunAsync(provider, options, asks);
        ReplayReport.Print(keystrokes, service.Statistics, asks, alone, raw, failures);
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Types <paramref name="typed"/> into the document at <paramref name="at"/>, asking at each pause (after a non-word character).</summary>
    private static async Task<int> TypeAsync(
        CodeCompletionService service, string name, string document, int at, string typed, List<CodeSnippet> context, int keystrokeMs, int pauseMs, List<ReplayAsk> asks)
    {
        for (var i = 0; i < typed.Length; i++)
        {
            document = document.Insert(at + i, typed[i].ToString());
            var pause = !char.IsLetterOrDigit(typed[i]) && typed[i] != '_';
            if (pause)
            {
                var request = new CodeCompletionRequest { DocumentPath = name, Language = "python", Text = document, Cursor = at + i + 1, Context = context };
                asks.Add(ReplayAsk.Start(service, request));
            }

            await Task.Delay(pause ? pauseMs : keystrokeMs);
        }

        return typed.Length;
    }

    /// <summary>
    /// The same pauses through a raw <c>/infill</c>, one at a time, as a client without the service would send them: the document cut by
    /// characters (the last 3,000 before the cursor, the first 1,000 after it), no context files; a prompt over the window is counted, not sent again.
    /// </summary>
    private static async Task<List<(double FirstTokenMs, TokenUsage? Usage)>> RawInfillAsync(OpenCodeProvider provider, List<ReplayAsk> asks)
    {
        var results = new List<(double, TokenUsage?)>();
        foreach (var ask in asks)
        {
            var prefix = ask.Request.Text[..ask.Request.Cursor];
            var suffix = ask.Request.Text[ask.Request.Cursor..];
            var request = new InfillRequest { Prefix = prefix[Math.Max(0, prefix.Length - 3000)..], Suffix = suffix[..Math.Min(1000, suffix.Length)], MaxTokens = 16 };
            var watch = Stopwatch.StartNew();
            double? first = null;
            TokenUsage? usage = null;
            try
            {
                await foreach (var chunk in provider.GetService<OpenCodeClient>()!.StreamInfillAsync(request, null))
                {
                    first ??= chunk.Content.Length > 0 ? watch.Elapsed.TotalMilliseconds : null;
                    usage = chunk.Metadata.Usage ?? usage;
                }
            }
            catch (OpenCodeException exception)
            {
                // A busy machine can time a request out; it is reported, and the replay goes on.
                Console.Error.WriteLine($"raw /infill failed: {exception.Code}");
            }

            results.Add((first ?? watch.Elapsed.TotalMilliseconds, usage));
        }

        return results;
    }
}
