namespace VideoPipeline.Core.Workflow.Planning;

/// <summary>
/// When to check a provider task next. First near the expected finish (the provider's <c>estimated_time</c>, else
/// the model's typical time), then from the reported <c>progress</c> when there is one; once overdue, at a
/// fraction of the time already spent, so a slow task costs a few calls rather than one a second; always within
/// [min, max]. In callback mode, every <see cref="JobPlan.CallbackSafetyNetInterval"/> instead. Those are the task
/// watch's checks when it checks the task; the job's own then come every <see cref="JobPlan.TaskWatchSafetyNetInterval"/>.
/// Never sooner than the provider asked (<c>Retry-After</c>, <c>openai-poll-after-ms</c>).
/// </summary>
public static class PollingSchedule
{
    /// <summary>Once overdue, wait this fraction of the elapsed time (bounds detection delay relative to job length).</summary>
    public const double OverdueFraction = 0.15;

    /// <summary>Aim slightly before a progress-projected finish: progress is coarse and often lags.</summary>
    public const double ProgressFraction = 0.9;

    public static TimeSpan NextDelay(
        JobPlan plan,
        TimeSpan elapsed,
        TimeSpan? providerEstimate,
        int? progress,
        TimeSpan? providerPollAfter,
        TimeSpan? retryAfter,
        bool watched = false)
    {
        // Waiting for the watch or a callback, the job's own checks are only the safety net for a lost signal; a check
        // that failed (after a callback, say) is retried on its own backoff rather than a safety-net interval later.
        var delay = watched ? retryAfter ?? plan.TaskWatchSafetyNetInterval ?? plan.MaxPollInterval
            : plan.WaitMode == Jobs.WaitMode.Callback ? retryAfter ?? plan.CallbackSafetyNetInterval ?? plan.MaxPollInterval
            : Clamp(PollingDelay(plan, elapsed, providerEstimate, progress), plan.MinPollInterval, plan.MaxPollInterval);
        if (providerPollAfter is { } pollAfter && pollAfter > delay)
        {
            delay = pollAfter;
        }

        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    private static TimeSpan PollingDelay(JobPlan plan, TimeSpan elapsed, TimeSpan? providerEstimate, int? progress)
    {
        if (progress is > 0 and < 100)
        {
            var projectedRemaining = elapsed * ((100.0 - progress.Value) / progress.Value);
            return projectedRemaining * ProgressFraction;
        }

        var remaining = (providerEstimate ?? plan.TypicalGenerationTime) - elapsed;
        return remaining > plan.MinPollInterval ? remaining : elapsed * OverdueFraction;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
