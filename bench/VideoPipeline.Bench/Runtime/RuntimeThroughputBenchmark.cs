using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// Jobs per second of the local host from POST to succeeded, with an instant provider (<c>[emu:seconds=0]</c>) and
/// small videos, keeping a fixed number of jobs in flight (a job counts from its POST until its view first shows it
/// succeeded). The host is a black box (HTTP, the emulator, Azurite), so the same command measures whichever durable
/// runtime it runs. Storage requests per job come from Azurite's access log — blob, queue and table alike — minus the
/// background rate of the host's own loops measured while idle and minus the benchmark's own reads of job views;
/// provider calls per job from the emulator's counters.
/// Arguments: <c>--jobs 1000</c>, <c>--in-flight 50</c>, <c>--bytes 1048576</c>, <c>--warmup 50</c>,
/// <c>--idle-seconds 15</c>, <c>--wait callback|poll</c> (poll: the host checks after 1 s instead of waiting for the
/// callback, with the 60 s maximum interval lowered so an instant task is not waited for a minute),
/// <c>--set Key=Value</c> (a host setting, repeatable).
/// </summary>
public sealed class RuntimeThroughputBenchmark : IBenchmarkCommand
{
    /// <summary>Reads of a job's view once its video is committed, to see when it succeeded.</summary>
    private static readonly TimeSpan ViewInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    private const int ViewCalibrationReads = 200;

    public string Name => "runtime-throughput";

    public string Description => "Local host jobs/s from POST to succeeded, instant provider; storage (blob, queue, table) and provider calls per job.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--jobs", "--in-flight", "--bytes", "--warmup", "--idle-seconds", "--wait", "--set"], []);
        var jobs = options.Int("--jobs", 1000);
        var inFlight = options.Int("--in-flight", 50);
        var bytes = options.Int("--bytes", 1024 * 1024);
        var warmUp = options.Int("--warmup", 50);
        var idleSeconds = options.Int("--idle-seconds", 15);
        var waitMode = options.String("--wait") ?? "callback";
        var overrides = waitMode == "poll"
            ? new Dictionary<string, string>
            {
                ["Pipeline:MinPollInterval"] = "00:00:00.5",
                ["Pipeline:MaxPollInterval"] = "00:00:01",
            }
            : [];
        foreach (var (key, value) in options.Pairs("--set"))
        {
            overrides[key] = value;
        }

        await using var stack = await BenchmarkStack.StartAsync(overrides);
        output.WriteLine($"runtime-throughput: {MachineLoad.Environment()}; Azurite in memory; {MachineLoad.Describe()} at start");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jobs} jobs, {inFlight} in flight, FoxAPI sora-2, [emu:seconds=0], {bytes} bytes each, wait mode {waitMode}; " +
            $"{warmUp} warm-up jobs first. Host settings: {stack.DescribeSettings()}."));
        output.WriteLine();

        object Request(string label) => new
        {
            provider = "foxapi",
            model = "sora-2",
            prompt = string.Create(CultureInfo.InvariantCulture, $"runtime throughput {label} [emu:seconds=0][emu:bytes={bytes}]"),
            waitMode,
        };

        await RunClosedLoopAsync(stack, warmUp, Math.Min(inFlight, warmUp), i => Request($"warm-up {i}"), cancellationToken);

        // The host's own loops (queue polls, leases, discovery) cost storage requests whatever the load; their rate is
        // measured here and taken out of the per-job numbers below.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var idleBefore = stack.Storage.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
        var idle = StorageCounter.Difference(stack.Storage.Snapshot(), idleBefore);

        var storageBefore = stack.Storage.Snapshot();
        var viewReadsBefore = stack.ViewReads;
        var providerBefore = await ProviderCountersAsync(stack, cancellationToken);
        var usageBefore = stack.Usage();
        var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var records = await RunClosedLoopAsync(stack, jobs, inFlight, i => Request($"{i}"), cancellationToken);
        var storage = StorageCounter.Difference(stack.Storage.Snapshot(), storageBefore);
        var viewReads = stack.ViewReads - viewReadsBefore;
        var usageAfter = stack.Usage();
        var cpu = (Host: usageAfter.Host.CpuTime - usageBefore.Host.CpuTime, Azurite: usageAfter.Azurite.CpuTime - usageBefore.Azurite.CpuTime,
            Bench: Process.GetCurrentProcess().TotalProcessorTime - benchBefore);
        var providerAfter = await ProviderCountersAsync(stack, cancellationToken);
        var loadAtEnd = MachineLoad.Describe();

        var started = records.Min(r => r.Posted);
        var ended = records.Max(r => r.Succeeded);
        var seconds = (ended - started).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput: {jobs / seconds:F1} jobs/s ({jobs} jobs in {seconds:F1} s); {loadAtEnd} at end."));
        output.WriteLine();

        output.WriteLine("| latency (ms) | p50 | p95 | max |");
        output.WriteLine("|---|---:|---:|---:|");
        WriteLatency(output, "POST answered (202)", records.Select(r => (r.Accepted - r.Posted).TotalMilliseconds));
        WriteLatency(output, "POST → video committed", records.Select(r => (r.Committed - r.Posted).TotalMilliseconds));
        WriteLatency(output, "POST → succeeded in the view", records.Select(r => (r.Succeeded - r.Posted).TotalMilliseconds));
        output.WriteLine();

        await WritePhasesAsync(output, stack, records, cancellationToken);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per job: host {cpu.Host.TotalMilliseconds / jobs:F1} ms, Azurite {cpu.Azurite.TotalMilliseconds / jobs:F1} ms, " +
            $"benchmark process (emulator + load generator) {cpu.Bench.TotalMilliseconds / jobs:F1} ms; " +
            $"{(cpu.Host + cpu.Azurite + cpu.Bench).TotalSeconds / seconds:F2} of the {Environment.ProcessorCount} cores busy with these three. " +
            $"Host RSS at end {usageAfter.Host.RssBytes / (1024.0 * 1024):F0} MiB, Azurite {usageAfter.Azurite.RssBytes / (1024.0 * 1024):F0} MiB."));
        output.WriteLine();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Provider calls per job: {string.Join(", ", providerAfter.Select(p => $"{p.Key} {(p.Value - providerBefore.GetValueOrDefault(p.Key)) / (double)jobs:F2}"))}."));
        output.WriteLine();

        var perViewRead = await CalibrateViewReadsAsync(stack, records, cancellationToken);
        WriteStorage(output, new StorageWindow(storage, idle, idleSeconds, seconds, jobs, viewReads, perViewRead));
        return 0;
    }

    private static async Task<List<JobRecord>> RunClosedLoopAsync(
        BenchmarkStack stack, int jobs, int inFlight, Func<int, object> request, CancellationToken cancellationToken)
    {
        var records = new List<JobRecord>(jobs);
        var next = -1;
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs)
            {
                var posted = DateTime.UtcNow;
                var id = await stack.StartJobAsync(request(index), cancellationToken: cancellationToken);
                var accepted = DateTime.UtcNow;
                var (view, seenAt) = await stack.WatchUntilEndAsync(id, ViewInterval, JobTimeout, cancellationToken);
                var committed = stack.Signals(id).Committed.Task;
                lock (records)
                {
                    records.Add(new JobRecord(id, posted, accepted, committed.IsCompletedSuccessfully ? committed.Result : seenAt, seenAt));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return records;
    }

    /// <summary>Where a job's time goes, from the workflow's own timings (read after the measured window).</summary>
    private static async Task WritePhasesAsync(
        TextWriter output, BenchmarkStack stack, List<JobRecord> records, CancellationToken cancellationToken)
    {
        var phases = new Dictionary<string, List<double>>
        {
            ["POST → workflow started"] = [],
            ["started → submitted"] = [],
            ["submitted → generated (callback + status re-fetch)"] = [],
            ["generated → archived"] = [],
            ["archived → succeeded in the view (finish, view)"] = [],
        };
        var failed = 0;
        using var slots = new SemaphoreSlim(8);
        await Task.WhenAll(records.Select(async record =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var view = await stack.GetJobAsync(record.Id, cancellationToken);
                var timings = view["timings"]!;
                DateTime At(string name) => timings[name]!.GetValue<DateTime>().ToUniversalTime();
                lock (phases)
                {
                    if (view["status"]!.GetValue<string>() != "succeeded")
                    {
                        failed++;
                        return;
                    }

                    phases["POST → workflow started"].Add((At("startedAt") - record.Posted).TotalMilliseconds);
                    phases["started → submitted"].Add((At("submittedAt") - At("startedAt")).TotalMilliseconds);
                    phases["submitted → generated (callback + status re-fetch)"].Add((At("generatedAt") - At("submittedAt")).TotalMilliseconds);
                    phases["generated → archived"].Add((At("archivedAt") - At("generatedAt")).TotalMilliseconds);
                    phases["archived → succeeded in the view (finish, view)"].Add((record.Succeeded - At("archivedAt")).TotalMilliseconds);
                }
            }
            finally
            {
                slots.Release();
            }
        }));

        output.WriteLine($"Jobs that did not succeed: {failed}.");
        output.WriteLine();
        output.WriteLine("| phase (ms, from the job view's timings) | p50 | p95 | max |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (phase, values) in phases)
        {
            WriteLatency(output, phase, values);
        }

        output.WriteLine();
    }

    /// <summary>
    /// The storage requests one read of a finished job's view costs, by operation: what the benchmark's own view reads
    /// added to the window (it reads views to see jobs end; an application would too, but not as often).
    /// </summary>
    private static async Task<Dictionary<string, double>> CalibrateViewReadsAsync(
        BenchmarkStack stack, List<JobRecord> records, CancellationToken cancellationToken)
    {
        var sample = records.Take(ViewCalibrationReads).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var before = stack.Storage.Snapshot();
        foreach (var record in sample)
        {
            await stack.GetJobAsync(record.Id, cancellationToken);
        }

        // Let the access log of the last reads arrive.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return StorageCounter.Difference(stack.Storage.Snapshot(), before)
            .ToDictionary(p => p.Key, p => p.Value / (double)sample.Count, StringComparer.Ordinal);
    }

    private static void WriteStorage(TextWriter output, StorageWindow window)
    {
        var perJob = window.PerJob();
        var total = window.Storage.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Storage requests: {total} in the window = {total / (double)window.Jobs:F1} per job; of those, the host's background " +
            $"loops ({window.Idle.Values.Sum() / (double)window.IdleSeconds:F1} requests/s while idle) account for {window.BackgroundPerJob():F1} per job " +
            $"and the benchmark's {window.ViewReads / (double)window.Jobs:F1} view reads per job ({window.PerViewRead.Values.Sum():F1} requests each) " +
            $"for {window.ViewReadsPerJob():F1}, leaving {perJob.Values.Sum():F1} per job."));
        output.WriteLine();
        output.WriteLine("| storage requests per job by service | per job | idle rate (per s) |");
        output.WriteLine("|---|---:|---:|");
        foreach (var service in new[] { StorageOperation.Blob, StorageOperation.Queue, StorageOperation.Table })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {service} | {perJob.Where(p => StorageOperation.ServiceOf(p.Key) == service).Sum(p => p.Value):F1} | " +
                $"{window.Idle.Where(p => StorageOperation.ServiceOf(p.Key) == service).Sum(p => p.Value) / (double)window.IdleSeconds:F2} |"));
        }

        output.WriteLine();
        output.WriteLine("| storage request (service, container/queue/table, family, operation) | per job | idle rate (per s) |");
        output.WriteLine("|---|---:|---:|");
        foreach (var name in perJob.Keys.Union(window.Idle.Keys).OrderByDescending(n => perJob.GetValueOrDefault(n)).ThenBy(n => n, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {perJob.GetValueOrDefault(name):F2} | {window.Idle.GetValueOrDefault(name) / (double)window.IdleSeconds:F2} |"));
        }

        output.WriteLine();
    }

    private static void WriteLatency(TextWriter output, string name, IEnumerable<double> values)
    {
        var list = values.ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentiles.Median(list):F0} | {Percentiles.Of(list, 95):F0} | {list.Max():F0} |"));
    }

    private static async Task<Dictionary<string, long>> ProviderCountersAsync(BenchmarkStack stack, CancellationToken cancellationToken)
    {
        var overall = (await stack.EmulatorStatsAsync(cancellationToken))["overall"]!.AsObject();
        return new[] { "submissions", "statusCalls", "contentDownloads", "callbacksSent" }
            .ToDictionary(name => name, name => overall[name] is JsonValue value ? value.GetValue<long>() : 0);
    }

    /// <summary>The storage requests of the measured window and what is not the jobs' own.</summary>
    private sealed record StorageWindow(
        Dictionary<string, long> Storage,
        Dictionary<string, long> Idle,
        int IdleSeconds,
        double Seconds,
        int Jobs,
        long ViewReads,
        Dictionary<string, double> PerViewRead)
    {
        public double BackgroundPerJob() => Idle.Values.Sum() / (double)IdleSeconds * Seconds / Jobs;

        public double ViewReadsPerJob() => PerViewRead.Values.Sum() * ViewReads / Jobs;

        /// <summary>Per operation: the window's count minus the background estimate and the view reads, per job.</summary>
        public Dictionary<string, double> PerJob() => Storage.ToDictionary(
            p => p.Key,
            p => Math.Max(0, p.Value
                - Idle.GetValueOrDefault(p.Key) / (double)IdleSeconds * Seconds
                - PerViewRead.GetValueOrDefault(p.Key) * ViewReads) / Jobs,
            StringComparer.Ordinal);
    }
}
