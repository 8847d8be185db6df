using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Provider;

namespace OpenCode.Completion;

/// <summary>
/// Code completion for editors on top of a provider's fill-in-the-middle: builds the prompt within token budgets, stops and cleans the
/// model's answer, and avoids asking the server twice (a prefix-keyed cache, joining a running generation the user types into,
/// latest-wins cancellation per document, and llama-server slot affinity so consecutive requests reuse the server's KV cache).
/// </summary>
/// <remarks>Safe to use from many threads; one instance per provider and model, kept for the editor session.</remarks>
public sealed class CodeCompletionService
{
    private readonly ICompletionBackend _backend;
    private readonly CodeCompletionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CompletionCache _cache;
    private readonly DocumentSessions _sessions = new();
    private readonly CompletionCounters _counters = new();
    private readonly GenerationRunner _runner;
    private readonly PromptAssembler _assembler;
    private readonly Lock _describeGate = new();
    private Task<CompletionTarget>? _target;

    internal CodeCompletionService(ICompletionBackend backend, CodeCompletionOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _backend = backend;
        _options = options;
        _time = time;
        _logger = logger;
        _cache = new CompletionCache(options.CacheEntries, options.CacheLifetime, time);
        _runner = new GenerationRunner(backend, _cache, _sessions, _counters);
        _assembler = new PromptAssembler(new TokenCounter(TokenizeAsync, logger));
    }

    /// <summary>Gets what the service has done so far.</summary>
    public CodeCompletionStatistics Statistics => _counters.Snapshot();

    /// <summary>Creates a service on a provider: an <see cref="OpenCodeProvider"/> fills in through <see cref="OpenCodeProvider.InfillAsync"/>; any other provider gets the family's FIM prompt as a plain completion.</summary>
    /// <param name="provider">The provider; initialized on first use if it is not yet.</param>
    /// <param name="options">Budgets and defaults; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for time limits and cache lifetimes; <see langword="null"/> for the system clock.</param>
    /// <param name="loggerFactory">Where logs go; <see langword="null"/> for none.</param>
    /// <returns>The service.</returns>
    /// <exception cref="OpenCodeException">INVALID_CONFIGURATION when an option is out of range.</exception>
    public static CodeCompletionService Create(
        IAIProvider provider, CodeCompletionOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        options ??= new CodeCompletionOptions();
        ICompletionBackend backend = provider is OpenCodeProvider openCode
            ? new OpenCodeProviderBackend(openCode, options.Model)
            : new PromptProviderBackend(provider, options.Model);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<CodeCompletionService>();
        return new CodeCompletionService(backend, options, timeProvider ?? TimeProvider.System, logger);
    }

    /// <summary>Completes at the cursor and returns the final completion.</summary>
    /// <param name="request">The document, cursor, context and options.</param>
    /// <param name="cancellationToken">Cancels the wait (the generation stops when no other request waits for it).</param>
    /// <returns>The completion; its text is empty when there is nothing worth offering or a newer request superseded it.</returns>
    /// <exception cref="OpenCodeException">INVALID_REQUEST for a bad request; CAPABILITY_NOT_SUPPORTED when the model cannot fill in the middle; the provider's errors.</exception>
    public async Task<CodeCompletion> CompleteAsync(CodeCompletionRequest request, CancellationToken cancellationToken = default)
    {
        CodeCompletion? last = null;
        await foreach (var completion in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            last = completion;
        }

        return last!;
    }

    /// <summary>
    /// Completes at the cursor, streamed: each item is the whole completion so far (complete lines in multi-line mode, stop rules and
    /// filters applied), so an editor replaces its suggestion with each one; the last has <see cref="CodeCompletion.IsFinal"/>.
    /// </summary>
    /// <param name="request">The document, cursor, context and options.</param>
    /// <param name="cancellationToken">Cancels the wait (the generation stops when no other request waits for it).</param>
    /// <returns>The snapshots, then the final completion.</returns>
    /// <exception cref="OpenCodeException">INVALID_REQUEST for a bad request; CAPABILITY_NOT_SUPPORTED when the model cannot fill in the middle; the provider's errors.</exception>
    public async IAsyncEnumerable<CodeCompletion> StreamAsync(CodeCompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Validate(request);
        _counters.Request();
        var target = await DescribeAsync(cancellationToken).ConfigureAwait(false);
        var context = CompletionContext.Create(request, request.LineMode, target.StopTokens);
        var ticket = _sessions.Begin(request.DocumentPath);
        var cached = _cache.Lookup(request.DocumentPath, context.Prefix, context.Suffix);
        if (cached is not null)
        {
            _counters.CacheHit();
            CompletionLog.Reused(_logger, request.DocumentPath, CodeCompletionSource.Cache);
            yield return CompletionResults.Final(context, request, CompletionFilters.Apply(context, cached), CodeCompletionSource.Cache, new GenerationOutcome(cached, CompletionStop.Reused, null, null), null);
            yield break;
        }

        // A joined generation that goes another way than the user typed is left for a generation of this request's own.
        for (var join = true; ; join = false)
        {
            var (generation, typed) = await JoinOrStartAsync(context, request, target, ticket, join, cancellationToken).ConfigureAwait(false);
            if (generation is null)
            {
                yield return CompletionResults.Superseded(request);
                yield break;
            }

            var watch = new CompletionWatch(generation, typed, _time, request.TimeLimit ?? _options.TimeLimit);
            CodeCompletion? final = null;
            try
            {
                var shown = string.Empty;
                while (await watch.NextAsync(cancellationToken).ConfigureAwait(false) is { } accepted)
                {
                    if (!_sessions.IsLatest(request.DocumentPath, ticket))
                    {
                        break;
                    }

                    var text = CompletionFilters.Apply(context, accepted);
                    if (text.Length > 0 && text != shown)
                    {
                        shown = text;
                        yield return CompletionResults.Snapshot(context, request, text, typed is null ? CodeCompletionSource.Server : CodeCompletionSource.InFlight, generation.Prompt.Info);
                    }
                }

                final = watch.Diverged ? null : await FinishAsync(context, request, ticket, watch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                watch.Dispose();
            }

            if (final is not null)
            {
                yield return final;
                yield break;
            }
        }
    }

    private async Task<(InFlightGeneration? Generation, string? Typed)> JoinOrStartAsync(
        CompletionContext context, CodeCompletionRequest request, CompletionTarget target, long ticket, bool join, CancellationToken cancellationToken)
    {
        var current = join ? _sessions.Current(request.DocumentPath) : null;
        if (current?.TypedBy(context) is { } typed)
        {
            current.Attach();
            _counters.Join();
            CompletionLog.Reused(_logger, request.DocumentPath, CodeCompletionSource.InFlight);
            return (current, typed);
        }

        var maxTokens = request.MaxTokens ?? _options.MaxTokens;
        var budget = PromptBudget.For(_options, target.ContextWindow, maxTokens);
        var prompt = await _assembler.AssembleAsync(context, request.Context, target, budget, cancellationToken).ConfigureAwait(false);
        var generation = new InFlightGeneration(context, prompt);
        generation.Attach();
        if (!_sessions.TrySetCurrent(request.DocumentPath, ticket, generation))
        {
            generation.Dispose();
            _counters.Supersede();
            CompletionLog.Superseded(_logger, request.DocumentPath);
            return (null, null);
        }

        _counters.Generation();
        CompletionLog.Sent(_logger, request.DocumentPath, prompt.Info.PrefixTokens, prompt.Info.SuffixTokens, prompt.Info.ContextTokens);
        _ = _runner.RunAsync(generation, InfillRequestFactory.Create(prompt, context, target, _options, request, maxTokens));
        return (generation, null);
    }

    /// <summary>The final completion; <see langword="null"/> when a joined generation ended another way than the request typed.</summary>
    private async Task<CodeCompletion?> FinishAsync(
        CompletionContext context, CodeCompletionRequest request, long ticket, CompletionWatch watch, CancellationToken cancellationToken)
    {
        var source = watch.Typed is null ? CodeCompletionSource.Server : CodeCompletionSource.InFlight;
        var prompt = watch.Generation.Prompt.Info;
        if (!_sessions.IsLatest(request.DocumentPath, ticket))
        {
            _counters.Supersede();
            return CompletionResults.Superseded(request);
        }

        if (watch.TimedOut)
        {
            var partial = CompletionFilters.Apply(context, watch.Remainder(watch.Generation.Accepted));
            return CompletionResults.Final(context, request, partial, source, new GenerationOutcome(partial, CompletionStop.TimeLimit, null, null), prompt);
        }

        GenerationOutcome outcome;
        try
        {
            outcome = await watch.Generation.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The generation was cancelled for a newer request of the document.
            _counters.Supersede();
            return CompletionResults.Superseded(request);
        }

        // A request that typed into the generation gets what is left past its typing.
        if (watch.Typed is { } typed && !outcome.Text.StartsWith(typed, StringComparison.Ordinal))
        {
            return null;
        }

        var text = watch.Typed is null ? outcome.Text : CompletionFilters.Apply(context, watch.Remainder(outcome.Text));
        return CompletionResults.Final(context, request, text, source, outcome, prompt);
    }

    private Task<CompletionTarget> DescribeAsync(CancellationToken cancellationToken)
    {
        lock (_describeGate)
        {
            if (_target is null || _target.IsFaulted || _target.IsCanceled)
            {
                _target = _backend.DescribeAsync(cancellationToken);
            }

            return _target;
        }
    }

    private Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        _target is { IsCompletedSuccessfully: true } target && target.Result.TokenizerMatchesModel
            ? _backend.TokenizeAsync(text, cancellationToken)
            : Task.FromResult<IReadOnlyList<string>?>(null);

    private static void Validate(CodeCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? problem = null;
        if (string.IsNullOrEmpty(request.DocumentPath))
        {
            problem = "DocumentPath is empty";
        }
        else if (request.Text is null)
        {
            problem = "Text is null";
        }
        else if (request.Cursor < 0 || request.Cursor > request.Text.Length)
        {
            problem = $"Cursor {request.Cursor} is outside the text (0 to {request.Text.Length})";
        }
        else if (request.MaxTokens is <= 0)
        {
            problem = $"MaxTokens must be positive (was {request.MaxTokens})";
        }
        else if (request.TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            problem = "TimeLimit must be positive";
        }
        else if (request.Context is null || request.Context.Any(s => s is null || s.Path is null || s.Text is null))
        {
            problem = "Context holds a null snippet, path or text";
        }

        if (problem is not null)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"CodeCompletionRequest.{problem}.");
        }
    }
}
