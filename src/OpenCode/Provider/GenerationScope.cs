using System.Diagnostics;
using OpenCode.Limits;
using OpenCode.Telemetry;

namespace OpenCode.Provider;

/// <summary>
/// Everything one generation holds and reports, from the moment it is granted until it ends: the rate-limit grant, the
/// performance measurement, traces and metrics, and the usage ledger record. Ends exactly once, on whichever path comes first.
/// </summary>
/// <remarks>Per chunk it does two checks and, only while a listener records <c>time_per_output_chunk</c>, one timestamp.</remarks>
internal sealed class GenerationScope
{
    /// <summary>The ledger's error code of a generation the caller cancelled or abandoned.</summary>
    public const string Cancelled = "CANCELLED";

    private readonly TimeProvider _timeProvider;
    private readonly RateLimitGrant _grant;
    private readonly GenerationMeasurement _measurement;
    private readonly GenerationServices _services;
    private readonly Activity? _activity;
    private readonly TagList _tags;
    private readonly string _endpointName;
    private readonly string? _credential;
    private readonly long _start;
    private long _lastChunk;
    private bool _firstChunkSeen;
    private int _ended;
    private Task? _ledgerWrite;

    public GenerationScope(GenerationContext context, RateLimitGrant grant, GenerationMeasurement measurement, GenerationServices services)
    {
        _timeProvider = services.TimeProvider;
        _grant = grant;
        _measurement = measurement;
        _services = services;
        _credential = context.Credential;
        _endpointName = context.EndpointName;
        _tags = context.Tags();
        _start = _timeProvider.GetTimestamp();
        _activity = OpenCodeTelemetry.Source.StartActivity($"{context.Operation} {grant.Model}", ActivityKind.Client);
        if (_activity is { IsAllDataRequested: true })
        {
            foreach (var tag in _tags)
            {
                _activity.SetTag(tag.Key, tag.Value);
            }

            _activity.SetTag("opencode.rate_limit.wait_ms", grant.Waited.TotalMilliseconds);
            _activity.SetTag("opencode.fallback", grant.IsFallback);
        }

        OpenCodeTelemetry.Requests.Add(1, _tags);
        if (grant.IsFallback)
        {
            OpenCodeTelemetry.Fallbacks.Add(1, _tags);
        }
    }

    /// <summary>Gets the attempt's cancellation source, disposed when the generation ends.</summary>
    public CancellationTokenSource? AttemptCancellation { get; set; }

    /// <summary>Watches a chunk on its way to the caller; returns the final chunk with its cost added, else the chunk itself.</summary>
    public MessageChunk Observe(MessageChunk chunk)
    {
        _measurement.Observe(chunk);
        if (!_firstChunkSeen)
        {
            _firstChunkSeen = true;
            _lastChunk = _timeProvider.GetTimestamp();
            OpenCodeTelemetry.TimeToFirstChunk.Record(_timeProvider.GetElapsedTime(_start).TotalSeconds, _tags);
        }
        else if (OpenCodeTelemetry.TimePerOutputChunk.Enabled)
        {
            var now = _timeProvider.GetTimestamp();
            OpenCodeTelemetry.TimePerOutputChunk.Record(_timeProvider.GetElapsedTime(_lastChunk, now).TotalSeconds, _tags);
            _lastChunk = now;
        }

        if (chunk.IsDone)
        {
            chunk = WithProviderMetadata(chunk);
            Complete(chunk);
        }

        return chunk;
    }

    /// <summary>Ends the generation as failed (or cancelled, when the caller's token was cancelled).</summary>
    public void Fail(Exception exception, bool callerCancelled)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var code = callerCancelled ? Cancelled : exception is OpenCodeException oc ? oc.Code : exception.GetType().Name;
        if (!callerCancelled)
        {
            _measurement.Fail();
            var tags = _tags;
            tags.Add("error.type", code);
            OpenCodeTelemetry.Errors.Add(1, tags);
            OpenCodeTelemetry.OperationDuration.Record(_timeProvider.GetElapsedTime(_start).TotalSeconds, tags);
        }

        _activity?.SetTag("error.type", code);
        _activity?.SetStatus(ActivityStatusCode.Error, callerCancelled ? "cancelled by the caller" : code);
        Finish(null, code);
    }

    /// <summary>Ends the generation as abandoned when the caller disposed it before its end; then waits for the ledger write.</summary>
    public ValueTask EndAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _activity?.SetTag("opencode.abandoned", true);
            Finish(null, Cancelled);
        }

        return _ledgerWrite is { IsCompletedSuccessfully: false } write ? new ValueTask(write) : ValueTask.CompletedTask;
    }

    /// <summary>Adds to the final chunk what only the provider knows: the cost, and that a fallback model served the request.</summary>
    private MessageChunk WithProviderMetadata(MessageChunk final)
    {
        var usage = final.Metadata.Usage;
        var cost = usage is { Cost: null } ? _services.CostOf(final.Metadata.Model ?? _grant.Model, usage) : null;
        var route = _grant.IsFallback && final.Metadata.Route is null ? new RouteInfo(null, [], FromCache: false, FallbackModel: _grant.Model) : null;
        if (cost is null && route is null)
        {
            return final;
        }

        return new MessageChunk
        {
            Content = final.Content,
            ReasoningContent = final.ReasoningContent,
            IsDone = true,
            FinishReason = final.FinishReason,
            Metadata = final.Metadata with { Usage = cost is null ? usage : usage! with { Cost = cost }, Route = route ?? final.Metadata.Route },
        };
    }

    private void Complete(MessageChunk final)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var usage = final.Metadata.Usage;
        OpenCodeTelemetry.OperationDuration.Record(_timeProvider.GetElapsedTime(_start).TotalSeconds, _tags);
        if (usage is not null)
        {
            var input = _tags;
            input.Add("gen_ai.token.type", "input");
            OpenCodeTelemetry.TokenUsage.Record(usage.PromptTokens, input);
            var output = _tags;
            output.Add("gen_ai.token.type", "output");
            OpenCodeTelemetry.TokenUsage.Record(usage.CompletionTokens, output);
        }

        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag("gen_ai.response.model", final.Metadata.Model);
            _activity.SetTag("gen_ai.response.finish_reasons", new[] { final.FinishReason?.ToString() });
            _activity.SetTag("gen_ai.usage.input_tokens", usage?.PromptTokens);
            _activity.SetTag("gen_ai.usage.output_tokens", usage?.CompletionTokens);
        }

        Finish(final, null);
    }

    private void Finish(MessageChunk? final, string? errorCode)
    {
        var usage = final?.Metadata.Usage;
        if (usage is not null)
        {
            _grant.Settle(usage.TotalTokens);
        }

        _grant.Dispose();
        _activity?.Dispose();
        AttemptCancellation?.Dispose();
        _ledgerWrite = _services.RecordAsync(
            _endpointName, final?.Metadata.Model ?? _grant.Model, _credential, usage, errorCode, _timeProvider.GetElapsedTime(_start));
    }
}
