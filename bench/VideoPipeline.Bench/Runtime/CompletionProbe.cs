using System.Text.Json.Nodes;

namespace VideoPipeline.Bench.Runtime;

/// <summary>Runs one job on a <see cref="BenchmarkStack"/> to its end and times it as a <see cref="CompletionSample"/>.</summary>
internal static class CompletionProbe
{
    /// <summary>Reads of the job view once its video is committed: the resolution of "succeeded in the view".</summary>
    public static readonly TimeSpan ViewInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    /// <exception cref="InvalidOperationException">The job did not succeed.</exception>
    public static async Task<CompletionSample> RunAsync(BenchmarkStack stack, object request, CancellationToken cancellationToken)
    {
        var id = await stack.StartJobAsync(request, cancellationToken: cancellationToken);
        var (view, seenAt) = await stack.WatchUntilEndAsync(id, ViewInterval, JobTimeout, cancellationToken);
        if (view["status"]!.GetValue<string>() != "succeeded")
        {
            throw new InvalidOperationException($"Job {id} did not succeed: {view}");
        }

        // The log line of a request can reach this process a moment after the view it led to.
        var signals = stack.Signals(id);
        var archiveStarted = await signals.ArchiveStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var committed = await signals.Committed.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        var timeline = await stack.EmulatorTimelineAsync(view["provider"]!["taskId"]!.GetValue<string>(), cancellationToken);
        var completesAt = Time(timeline["completesAt"]!);
        var checks = Times(timeline["statusChecks"]!);
        var callbacks = Times(timeline["callbacksDelivered"]!);
        return new CompletionSample(
            id,
            completesAt,
            callbacks.Count > 0 ? callbacks[0] : null,
            checks.Where(c => c >= completesAt).Select(c => (DateTime?)c).FirstOrDefault(),
            archiveStarted,
            committed,
            seenAt,
            view["timings"]!["generatedAt"]!.GetValue<DateTime>().ToUniversalTime(),
            checks.Count,
            callbacks.Count);
    }

    /// <summary>Runs <paramref name="count"/> jobs, <paramref name="inFlight"/> at a time, each request made by <paramref name="request"/>.</summary>
    public static async Task<List<CompletionSample>> RunManyAsync(
        BenchmarkStack stack, int count, int inFlight, Func<object> request, CancellationToken cancellationToken)
    {
        var samples = new List<CompletionSample>();
        using var slots = new SemaphoreSlim(inFlight);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var sample = await RunAsync(stack, request(), cancellationToken);
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
            finally
            {
                slots.Release();
            }
        }));
        return samples;
    }

    private static DateTime Time(JsonNode node) => node.GetValue<DateTimeOffset>().UtcDateTime;

    private static List<DateTime> Times(JsonNode node) => node.AsArray().Select(t => Time(t!)).ToList();
}
