using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Bench.Polling;

/// <summary>A way of waiting for a provider task, as a function from generation time to what the job cost.</summary>
internal sealed record PollingStrategy(string Label, Func<TimeSpan, JobOutcome> Simulate)
{
    /// <summary>
    /// A fixed schedule: status calls at <paramref name="first"/>, then every <paramref name="interval"/>; the call
    /// at or after completion sees it.
    /// </summary>
    public static PollingStrategy Fixed(string label, TimeSpan first, TimeSpan interval) => new(label, generation =>
    {
        var laterCalls = generation <= first ? 0 : (int)Math.Ceiling((generation - first) / interval);
        var detectedAt = first + interval * laterCalls;
        return new JobOutcome((detectedAt - generation).TotalSeconds, laterCalls + 1);
    });
}
