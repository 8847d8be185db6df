using System.Diagnostics;
using OpenCode.Models;
using OpenCode.Pipeline;
using OpenCode.Quotas;

namespace OpenCode.Telemetry;

/// <summary>
/// Traces and measures each generation: one client activity (no prompt text), token usage and duration (<c>opencode.client.*</c> always;
/// the GenAI <c>gen_ai.client.*</c> metrics unless the caller's face records those itself), requests and errors by code, and the
/// per-model performance samples.
/// </summary>
/// <remarks>Per chunk two checks and, only while a listener records <c>time_per_output_chunk</c>, one timestamp.</remarks>
internal sealed class TelemetryStage(GenerationStage inner, EndpointContext endpoint, ModelPerformanceTracker performance, TimeProvider timeProvider)
    : ObservingStage(inner)
{
    protected override ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        // Not an async method: the activity started here stays current for the stages below, so HTTP activities nest under it.
        var model = endpoint.ModelOf(request);
        var tags = new TagList
        {
            { "gen_ai.operation.name", request.OperationName },
            { "gen_ai.provider.name", endpoint.Dialect },
            { "gen_ai.request.model", model },
            { "server.address", endpoint.Root.Host },
            { "server.port", endpoint.Root.Port },
        };
        var measurement = new GenerationMeasurement(performance, timeProvider, endpoint.Root, model);
        var observer = new Observer(tags, measurement, timeProvider, $"{request.OperationName} {model}", !request.Request.GenAIMetricsByCaller);
        return ValueTask.FromResult<(GenerationRequest, ChunkObserver?)>((request, observer));
    }

    private sealed class Observer : ChunkObserver
    {
        private readonly TagList _tags;
        private readonly GenerationMeasurement _measurement;
        private readonly TimeProvider _time;
        private readonly Activity? _activity;
        private readonly bool _genAIMetrics;
        private readonly long _start;
        private long _lastChunk;
        private bool _firstChunkSeen;
        private bool _ended;

        public Observer(TagList tags, GenerationMeasurement measurement, TimeProvider time, string activityName, bool genAIMetrics)
        {
            _tags = tags;
            _genAIMetrics = genAIMetrics;
            _measurement = measurement;
            _time = time;
            _start = time.GetTimestamp();
            _activity = OpenCodeTelemetry.Source.StartActivity(activityName, ActivityKind.Client);
            if (_activity is { IsAllDataRequested: true })
            {
                foreach (var tag in tags)
                {
                    _activity.SetTag(tag.Key, tag.Value);
                }
            }

            OpenCodeTelemetry.Requests.Add(1, tags);
        }

        public override MessageChunk OnChunk(MessageChunk chunk)
        {
            _measurement.Observe(chunk);
            if (!_firstChunkSeen)
            {
                _firstChunkSeen = true;
                _lastChunk = _time.GetTimestamp();
                if (_genAIMetrics)
                {
                    OpenCodeTelemetry.TimeToFirstChunk.Record(_time.GetElapsedTime(_start).TotalSeconds, _tags);
                }
            }
            else if (_genAIMetrics && OpenCodeTelemetry.TimePerOutputChunk.Enabled)
            {
                var now = _time.GetTimestamp();
                OpenCodeTelemetry.TimePerOutputChunk.Record(_time.GetElapsedTime(_lastChunk, now).TotalSeconds, _tags);
                _lastChunk = now;
            }

            if (chunk.IsDone && !_ended)
            {
                _ended = true;
                Complete(chunk);
            }

            return chunk;
        }

        public override void OnFailure(Exception exception, bool callerCancelled)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            var code = callerCancelled ? UsageLedgerCodes.Cancelled : exception is OpenCodeException known ? known.Code : exception.GetType().Name;
            if (!callerCancelled)
            {
                _measurement.Fail();
                var tags = _tags;
                tags.Add("error.type", code);
                OpenCodeTelemetry.Errors.Add(1, tags);
                RecordDuration(tags);
            }

            _activity?.SetTag("error.type", code);
            _activity?.SetStatus(ActivityStatusCode.Error, callerCancelled ? "cancelled by the caller" : code);
            _activity?.Dispose();
        }

        public override ValueTask OnEndAsync()
        {
            if (!_ended)
            {
                _ended = true;
                _activity?.SetTag("opencode.abandoned", true);
            }

            _activity?.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Complete(MessageChunk final)
        {
            var usage = final.Metadata.Usage;
            var tags = _tags;
            if (final.Metadata.Model is { Length: > 0 } responseModel)
            {
                tags.Add("gen_ai.response.model", responseModel);
            }

            RecordDuration(tags);
            if (usage is not null)
            {
                RecordTokens(tags, "input", usage.PromptTokens);
                RecordTokens(tags, "output", usage.CompletionTokens);
            }

            if (_activity is { IsAllDataRequested: true })
            {
                _activity.SetTag("gen_ai.response.model", final.Metadata.Model);
                _activity.SetTag("gen_ai.response.finish_reasons", new[] { final.FinishReason?.ToString() });
                _activity.SetTag("gen_ai.usage.input_tokens", usage?.PromptTokens);
                _activity.SetTag("gen_ai.usage.output_tokens", usage?.CompletionTokens);
            }

            _activity?.Dispose();
        }

        private void RecordDuration(in TagList tags)
        {
            var seconds = _time.GetElapsedTime(_start).TotalSeconds;
            OpenCodeTelemetry.ClientOperationDuration.Record(seconds, tags);
            if (_genAIMetrics)
            {
                OpenCodeTelemetry.OperationDuration.Record(seconds, tags);
            }
        }

        private void RecordTokens(TagList tags, string type, long count)
        {
            tags.Add("gen_ai.token.type", type);
            OpenCodeTelemetry.ClientTokenUsage.Record(count, tags);
            if (_genAIMetrics)
            {
                OpenCodeTelemetry.TokenUsage.Record(count, tags);
            }
        }
    }
}
