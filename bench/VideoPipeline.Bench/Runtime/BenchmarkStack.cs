using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The tests' <see cref="PipelineStack"/> on the host's production defaults (polling intervals, engine settings,
/// logging), with Azurite's access log counted as it is written and the moments each job's video started and finished
/// being archived taken from it. The stack sees only the host's HTTP API, the emulator and storage, so every benchmark
/// on it runs on whatever durable runtime the host has.
/// </summary>
internal sealed class BenchmarkStack : PipelineStack
{
    /// <summary>How often a job's view is read before its video is committed: only to notice a job that failed.</summary>
    private static readonly TimeSpan UncommittedViewInterval = TimeSpan.FromSeconds(5);

    /// <summary>The emulator's admin endpoints answer slowly with thousands of task timelines.</summary>
    private static readonly HttpClient EmulatorHttp = new() { Timeout = TimeSpan.FromMinutes(5) };

    private readonly ConcurrentDictionary<string, JobSignals> _jobs = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private long _viewReads;

    private BenchmarkStack(IReadOnlyDictionary<string, string> overrides)
    {
        _overrides = overrides;
    }

    public StorageCounter Storage { get; } = new();

    /// <summary>Job views read by <see cref="WatchUntilEndAsync"/>: their storage requests are the benchmark's, not the pipeline's.</summary>
    public long ViewReads => Interlocked.Read(ref _viewReads);

    /// <param name="overrides">Host settings to change from the production defaults (e.g. polling intervals).</param>
    public static async Task<BenchmarkStack> StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var stack = new BenchmarkStack(overrides ?? new Dictionary<string, string>());
        try
        {
            await stack.InitializeAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host settings in a header line: "production defaults" plus what was changed.</summary>
    public string DescribeSettings() =>
        "production defaults" + string.Concat(_overrides.Select(o => $", {o.Key}={o.Value}"));

    public JobSignals Signals(string jobId) => _jobs.GetOrAdd(jobId, _ => new JobSignals());

    /// <summary>
    /// Waits until the job's view shows it finished: read every <paramref name="interval"/> once its video is committed
    /// (the end is then near), and only every few seconds before, so waiting costs the host little.
    /// </summary>
    /// <returns>The view, and when the first read showing the end was answered.</returns>
    public async Task<(JsonObject View, DateTime SeenAt)> WatchUntilEndAsync(
        string id, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var committed = Signals(id).Committed.Task;
        var deadline = DateTime.UtcNow + timeout;
        var readAfterCommit = false;
        while (true)
        {
            if (!committed.IsCompleted)
            {
                await Task.WhenAny(committed, Task.Delay(UncommittedViewInterval, cancellationToken));
            }
            else if (readAfterCommit)
            {
                await Task.Delay(interval, cancellationToken);
            }

            readAfterCommit = committed.IsCompleted;
            var view = await GetJobAsync(id, cancellationToken);
            var seenAt = DateTime.UtcNow;
            Interlocked.Increment(ref _viewReads);
            if (view["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return (view, seenAt);
            }

            if (seenAt > deadline)
            {
                throw new TimeoutException($"Job {id} did not end within {timeout}; last view {view}\nHost log (tail):\n{Host.Output}");
            }
        }
    }

    public async Task<JsonObject> EmulatorStatsAsync(CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>(new Uri(Emulator.BaseUrl, "emulator/stats"), cancellationToken))!;

    /// <summary>The emulator's timeline of one provider task: created, completes, status checks, delivered callbacks.</summary>
    public async Task<JsonObject> EmulatorTimelineAsync(string taskId, CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>(
            new Uri(Emulator.BaseUrl, $"emulator/tasks/{Uri.EscapeDataString(taskId)}"), cancellationToken))!;

    /// <summary>Every task's timeline.</summary>
    public async Task<JsonArray> EmulatorTimelinesAsync(CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>(new Uri(Emulator.BaseUrl, "emulator/tasks"), cancellationToken))!["tasks"]!.AsArray();

    /// <summary>Host and Azurite as <c>/proc</c> sees them now.</summary>
    public (ProcessUsage Host, ProcessUsage Azurite) Usage() =>
        (ProcessUsage.Read(Host.ProcessId), ProcessUsage.Read(Azurite.ProcessId));

    protected override bool UsesProductionDefaults => true;

    protected override void Configure(IDictionary<string, string> settings)
    {
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }
    }

    protected override void OnAzuriteOutput(string line)
    {
        if (AzuriteRequest.Parse(line, DateTime.UtcNow) is not { } request)
        {
            return;
        }

        Storage.Add(request);
        if (request.Path.TrimStart('/').Split('/') is ["videos", var blob] && blob.EndsWith(".mp4", StringComparison.Ordinal))
        {
            var jobId = blob[..^4];
            if (request.Method == "HEAD")
            {
                Signals(jobId).ArchiveStarted.TrySetResult(request.ObservedAt);
            }
            else if (request.Method == "PUT" && request.Query.Contains("comp=blocklist", StringComparison.Ordinal) && request.Status == 201)
            {
                Signals(jobId).Committed.TrySetResult(request.ObservedAt);
            }
        }
    }
}
