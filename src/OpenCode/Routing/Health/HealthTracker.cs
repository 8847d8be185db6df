using Microsoft.Extensions.Logging;
using OpenCode.Configuration;

namespace OpenCode.Routing.Health;

/// <summary>
/// The health rules of a router: passive tracking of request outcomes (consecutive failures, failure rate over a window), probe
/// outcomes, and the cooldown an unhealthy instance sits out before it is probed back in.
/// </summary>
internal sealed class HealthTracker(HealthCheckOptions options, TimeProvider time, ILogger logger)
{
    private readonly TimeSpan _cooldown = TimeSpan.FromSeconds(options.Cooldown);

    public TimeProvider Time => time;

    /// <summary>Gets a value indicating whether the instance may be sent requests.</summary>
    public static bool IsAvailable(InstanceState state)
    {
        lock (state.Gate)
        {
            return state.Health.State != InstanceHealthState.Unhealthy;
        }
    }

    /// <summary>Gets a value indicating whether the monitor should probe the instance now: always unless it is cooling down.</summary>
    public bool IsDueForProbe(InstanceState state)
    {
        lock (state.Gate)
        {
            return state.Health.State != InstanceHealthState.Unhealthy || state.Health.CooldownUntil is not { } until || time.GetUtcNow() >= until;
        }
    }

    public void RecordSuccess(InstanceState state, TimeSpan firstChunkLatency)
    {
        state.ObserveLatency(firstChunkLatency);
        lock (state.Gate)
        {
            state.Totals.Requests++;
            var health = state.Health;
            health.ConsecutiveFailures = 0;
            Push(health, failed: false);
            if (health.State == InstanceHealthState.Unknown)
            {
                SetState(state, InstanceHealthState.Healthy, null);
            }
        }
    }

    /// <summary>
    /// Records a failed request; one that says nothing about the server's health (<paramref name="countsAgainstHealth"/> false) is
    /// only counted. A request that failed <paramref name="afterFirstChunk"/> was already counted when its first chunk came.
    /// </summary>
    public void RecordFailure(InstanceState state, OpenCodeException error, bool countsAgainstHealth, bool afterFirstChunk = false)
    {
        lock (state.Gate)
        {
            if (!afterFirstChunk)
            {
                state.Totals.Requests++;
            }

            state.Totals.Failures++;
            var health = state.Health;
            health.LastError = Describe(error);
            if (!countsAgainstHealth)
            {
                return;
            }

            health.ConsecutiveFailures++;
            Push(health, failed: true);
            var failures = health.Window.Count(f => f);
            if (health.State != InstanceHealthState.Unhealthy
                && (health.ConsecutiveFailures >= options.ConsecutiveFailures
                    || (health.Window.Count >= options.FailureWindow && failures >= options.FailureRate * health.Window.Count)))
            {
                SetState(state, InstanceHealthState.Unhealthy, health.LastError);
            }
        }
    }

    public void RecordProbe(InstanceState state, ProbeResult result)
    {
        if (result.Healthy)
        {
            state.ObserveLatency(result.Latency);
        }

        lock (state.Gate)
        {
            var health = state.Health;
            health.LastProbeAt = time.GetUtcNow();
            if (result.Healthy)
            {
                health.ConsecutiveFailures = 0;
                health.Window.Clear();
                if (health.State != InstanceHealthState.Healthy)
                {
                    SetState(state, InstanceHealthState.Healthy, null);
                }

                return;
            }

            health.LastError = result.Error;
            health.ConsecutiveFailures++;
            if (health.State == InstanceHealthState.Unhealthy || health.State == InstanceHealthState.Unknown
                || health.ConsecutiveFailures >= options.ConsecutiveFailures)
            {
                // A failed probe of a sick (or never reached) instance starts its cooldown over.
                SetState(state, InstanceHealthState.Unhealthy, result.Error);
            }
        }
    }

    /// <summary>Adopts a state another app instance wrote to the shared store, when it is newer than what this one knows.</summary>
    public void Adopt(InstanceState state, Storage.InstanceHealthRecord record)
    {
        lock (state.Gate)
        {
            var health = state.Health;
            if (record.UpdatedAt <= health.UpdatedAt)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (!record.Healthy && record.CooldownUntil > now && health.State != InstanceHealthState.Unhealthy)
            {
                health.State = InstanceHealthState.Unhealthy;
                health.CooldownUntil = record.CooldownUntil;
                health.LastError = record.LastError;
                health.UpdatedAt = record.UpdatedAt;
                RouterLog.AdoptedState(logger, state.Name, "unhealthy");
            }
            else if (record.Healthy && health.State == InstanceHealthState.Unhealthy)
            {
                health.State = InstanceHealthState.Healthy;
                health.CooldownUntil = null;
                health.ConsecutiveFailures = 0;
                health.Window.Clear();
                health.UpdatedAt = record.UpdatedAt;
                RouterLog.AdoptedState(logger, state.Name, "healthy");
            }
        }
    }

    internal static string Describe(OpenCodeException error) => $"{error.Code}: {error.Message}";

    private void Push(InstanceState.HealthRecord health, bool failed)
    {
        health.Window.Enqueue(failed);
        while (health.Window.Count > options.FailureWindow)
        {
            health.Window.Dequeue();
        }
    }

    private void SetState(InstanceState state, InstanceHealthState next, string? error)
    {
        var health = state.Health;
        var now = time.GetUtcNow();
        var previous = health.State;
        health.State = next;
        health.UpdatedAt = now;
        health.Dirty = true;
        if (next == InstanceHealthState.Unhealthy)
        {
            health.CooldownUntil = now + _cooldown;
            health.Window.Clear();
            if (previous != InstanceHealthState.Unhealthy)
            {
                RouterLog.InstanceUnhealthy(logger, state.Name, error ?? "(no error)", options.Cooldown);
            }
        }
        else
        {
            health.CooldownUntil = null;
            if (previous == InstanceHealthState.Unhealthy)
            {
                RouterLog.InstanceRecovered(logger, state.Name);
            }
        }
    }
}
