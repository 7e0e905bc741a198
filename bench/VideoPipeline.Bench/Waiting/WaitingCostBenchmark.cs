using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Bench.Runtime;

namespace VideoPipeline.Bench.Waiting;

/// <summary>
/// What jobs cost while they only wait: N jobs on a slow provider (<c>[emu:seconds=3600]</c>), started, then — once
/// every job's view shows <c>generating</c> and a settling spell has passed — the host's and Azurite's resident memory
/// and CPU over a window, with the storage requests per second by operation and the provider's status checks. The
/// host checks each task on a fixed schedule (poll mode: <c>Pipeline:MinPollInterval</c> = <c>MaxPollInterval</c>;
/// callback mode: <c>Pipeline:CallbackSafetyNetInterval</c>), so how late each check came (<see cref="PollLateness"/>)
/// is measured from the status-check times the emulator records.
/// Arguments: <c>--jobs 1000</c>, <c>--mode poll|callback</c>, <c>--seconds 3600</c> (generation time),
/// <c>--interval 60</c> (seconds between checks; 300 in callback mode), <c>--window 60</c>, <c>--settle 30</c> (seconds),
/// <c>--start-concurrency 16</c> (POSTs at once while starting), <c>--start-budget 3600</c> (seconds: a host that
/// cannot start all jobs by then is measured with those it did start, and says so), <c>--dashboard</c> (an open dashboard reads the job
/// list every 2 s during settling and the window, as the page does while jobs run), <c>--set Key=Value</c> (a host
/// setting, repeatable), <c>--seed</c> (see <see cref="SeededWatch"/>: the tasks are created at the provider and
/// registered with the task watch directly, without orchestrations — the watch's punctuality for more jobs than
/// Azurite can start in a run).
/// </summary>
public sealed class WaitingCostBenchmark : IBenchmarkCommand
{
    private static readonly TimeSpan DashboardRefresh = TimeSpan.FromSeconds(2);

    public string Name => "waiting-cost";

    public string Description => "RSS and CPU of host and Azurite while N jobs wait on a slow provider; storage requests/s; poll lateness.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(
            args,
            ["--jobs", "--mode", "--seconds", "--interval", "--window", "--settle", "--start-concurrency", "--start-budget", "--set"],
            ["--dashboard", "--seed"]);
        var jobs = options.Int("--jobs", 1000);
        var mode = options.String("--mode") ?? "poll";
        var interval = TimeSpan.FromSeconds(options.Int("--interval", mode == "callback" ? 300 : 60));
        var generation = TimeSpan.FromSeconds(options.Int("--seconds", 3600));

        var window = TimeSpan.FromSeconds(options.Int("--window", 60));
        var settle = TimeSpan.FromSeconds(options.Int("--settle", 30));
        var startConcurrency = options.Int("--start-concurrency", 16);
        var startBudget = TimeSpan.FromSeconds(options.Int("--start-budget", 3600));
        var seed = options.Has("--seed");
        if (mode is not ("poll" or "callback"))
        {
            await Console.Error.WriteLineAsync("--mode is poll or callback.");
            return 2;
        }

        if (seed && options.Has("--dashboard"))
        {
            await Console.Error.WriteLineAsync("--dashboard reads job views, which seeded tasks have none of.");
            return 2;
        }

        var intervalSetting = interval.ToString("c", CultureInfo.InvariantCulture);
        // Poll mode checks on a fixed schedule at the interval; callback mode's safety net is the interval (its
        // production default, 5 minutes, unless --interval says otherwise).
        var overrides = new Dictionary<string, string>
        {
            ["Pipeline:JobDeadline"] = (generation + TimeSpan.FromHours(1)).ToString("c", CultureInfo.InvariantCulture),
        };
        if (mode == "poll")
        {
            overrides["Pipeline:MinPollInterval"] = intervalSetting;
            overrides["Pipeline:MaxPollInterval"] = intervalSetting;
        }
        else
        {
            overrides["Pipeline:CallbackSafetyNetInterval"] = intervalSetting;
        }

        foreach (var (key, value) in options.Pairs("--set"))
        {
            overrides[key] = value;
        }

        await using var stack = await BenchmarkStack.StartAsync(overrides);
        output.WriteLine($"waiting-cost: {MachineLoad.Environment()}; Azurite in memory; {MachineLoad.Describe()} at start");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jobs} jobs, FoxAPI sora-2, wait mode {mode}, [emu:seconds={generation.TotalSeconds:F0}]; a status check every " +
            $"{interval.TotalSeconds:F0} s; {settle.TotalSeconds:F0} s settling, {window.TotalSeconds:F0} s window" +
            $"{(options.Has("--dashboard") ? "; dashboard open" : string.Empty)}. Host settings: {stack.DescribeSettings()}."));
        output.WriteLine();

        var startedAt = DateTime.UtcNow;
        HashSet<string> taskIds;
        if (seed)
        {
            (taskIds, var firstChecksDone) = await SeededWatch.RegisterAsync(stack, jobs, mode, interval, generation, startConcurrency, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeded: {taskIds.Count} tasks created at the emulator and registered with the task watch, no orchestrations (--seed), " +
                $"after {(DateTime.UtcNow - startedAt).TotalSeconds:F0} s; {MachineLoad.Describe()}. Settling starts once every task's first check fell due."));
            if (firstChecksDone > DateTime.UtcNow)
            {
                await Task.Delay(firstChecksDone - DateTime.UtcNow, cancellationToken);
            }
        }
        else
        {
            var startDeadline = startedAt + startBudget;
            var ids = await StartJobsAsync(stack, jobs, mode, generation, startConcurrency, startDeadline, cancellationToken);
            taskIds = await WaitUntilGeneratingAsync(stack, ids, startDeadline, cancellationToken);
            var started = taskIds.Count == jobs ? $"all {jobs}" : $"only {taskIds.Count} of {jobs} (start budget of {startBudget.TotalSeconds:F0} s spent; {ids.Count} posted)";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Started: {started} jobs generating after {(DateTime.UtcNow - startedAt).TotalSeconds:F0} s; {MachineLoad.Describe()}."));
        }

        output.WriteLine();

        using var dashboardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dashboard = options.Has("--dashboard") ? RefreshDashboardAsync(stack, dashboardStop.Token) : Task.FromResult(0);
        await Task.Delay(settle, cancellationToken);

        var measurement = await MeasureWindowAsync(stack, window, cancellationToken);
        await dashboardStop.CancelAsync();
        var dashboardReads = await dashboard;

        measurement.Write(output, taskIds.Count, dashboardReads);
        var timelines = await stack.EmulatorTimelinesAsync(cancellationToken);
        PollLateness.Measure(timelines, taskIds, interval, measurement.From, measurement.To).Write(output, interval);
        return 0;
    }

    /// <returns>The ids of the jobs posted before <paramref name="deadline"/>.</returns>
    private static async Task<List<string>> StartJobsAsync(
        BenchmarkStack stack, int jobs, string mode, TimeSpan generation, int concurrency, DateTime deadline, CancellationToken cancellationToken)
    {
        var ids = new string?[jobs];
        var next = -1;
        async Task WorkerAsync()
        {
            int index;
            while (DateTime.UtcNow < deadline && (index = Interlocked.Increment(ref next)) < jobs)
            {
                var prompt = string.Create(CultureInfo.InvariantCulture, $"waiting cost {index} {Guid.NewGuid():N} [emu:seconds={generation.TotalSeconds:F0}]");
                ids[index] = await stack.StartJobAsync(new { provider = "foxapi", model = "sora-2", prompt, waitMode = mode }, cancellationToken: cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return ids.OfType<string>().ToList();
    }

    /// <returns>The provider task ids of the jobs generating by <paramref name="deadline"/>.</returns>
    private static async Task<HashSet<string>> WaitUntilGeneratingAsync(
        BenchmarkStack stack, List<string> ids, DateTime deadline, CancellationToken cancellationToken)
    {
        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        var pending = ids;

        // Reading a view costs the host storage requests too, so views are read once the provider has all the tasks,
        // and at least once: past the deadline, the jobs measured are those generating by then.
        while (await TasksCreatedAsync(stack, cancellationToken) < ids.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        do
        {
            var notYet = new List<string>();
            using var slots = new SemaphoreSlim(8);
            await Task.WhenAll(pending.Select(async id =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    var view = await stack.GetJobAsync(id, cancellationToken);
                    var status = view["status"]!.GetValue<string>();
                    lock (taskIds)
                    {
                        if (status == "generating")
                        {
                            taskIds.Add(view["provider"]!["taskId"]!.GetValue<string>());
                        }
                        else if (status is "queued" or "submitting")
                        {
                            notYet.Add(id);
                        }
                        else
                        {
                            throw new InvalidOperationException($"Job {id} is {status} instead of waiting: {view}");
                        }
                    }
                }
                finally
                {
                    slots.Release();
                }
            }));

            pending = notYet;
            if (pending.Count > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        while (pending.Count > 0 && DateTime.UtcNow < deadline);

        return taskIds;
    }

    private static async Task<WaitingWindow> MeasureWindowAsync(BenchmarkStack stack, TimeSpan window, CancellationToken cancellationToken)
    {
        var storageBefore = stack.Storage.Snapshot();
        var checksBefore = await StatusChecksAsync(stack, cancellationToken);
        var from = DateTime.UtcNow;
        var before = (Usage: stack.Usage(), Bench: ProcessUsage.Current());
        var peak = (Host: before.Usage.Host.RssBytes, Azurite: before.Usage.Azurite.RssBytes);
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (DateTime.UtcNow - from < window && await ticker.WaitForNextTickAsync(cancellationToken))
        {
            var usage = stack.Usage();
            peak = (Math.Max(peak.Host, usage.Host.RssBytes), Math.Max(peak.Azurite, usage.Azurite.RssBytes));
        }

        var after = (Usage: stack.Usage(), Bench: ProcessUsage.Current());
        var to = DateTime.UtcNow;
        var storage = StorageCounter.Difference(stack.Storage.Snapshot(), storageBefore);
        var checks = await StatusChecksAsync(stack, cancellationToken) - checksBefore;
        return new WaitingWindow(from, to, before.Usage, after.Usage, peak, after.Bench.CpuTime - before.Bench.CpuTime, storage, checks);
    }

    private static async Task<long> StatusChecksAsync(BenchmarkStack stack, CancellationToken cancellationToken) =>
        (await stack.EmulatorStatsAsync(cancellationToken))["overall"]!["statusCalls"]!.GetValue<long>();

    private static async Task<long> TasksCreatedAsync(BenchmarkStack stack, CancellationToken cancellationToken) =>
        (await stack.EmulatorStatsAsync(cancellationToken))["overall"]!["tasksCreated"]!.GetValue<long>();

    /// <summary>What the dashboard page does while jobs run: the newest 50 jobs and the latest batches every 2 s.</summary>
    /// <returns>How many refreshes it made.</returns>
    private static async Task<int> RefreshDashboardAsync(BenchmarkStack stack, CancellationToken cancellationToken)
    {
        var refreshes = 0;
        try
        {
            while (true)
            {
                await stack.Http.GetFromJsonAsync<JsonObject>("/api/videos?limit=50", cancellationToken);
                await stack.Http.GetFromJsonAsync<JsonObject>("/api/batches?limit=10", cancellationToken);
                refreshes++;
                await Task.Delay(DashboardRefresh, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return refreshes;
        }
    }
}
