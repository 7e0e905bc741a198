using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// Jobs per second of the local host from POST to archived, with an instant provider (<c>[emu:seconds=0]</c>) and
/// small videos, keeping a fixed number of jobs in flight (a job counts from its POST until the runtime deletes its
/// lock, its last step). Storage operations per job come from Azurite's access log, minus the background rate of the
/// runtime's own loops measured while idle; provider calls per job from the emulator's counters.
/// Arguments: <c>--jobs 1000</c>, <c>--in-flight 50</c>, <c>--bytes 1048576</c>, <c>--warmup 50</c>,
/// <c>--idle-seconds 15</c>, <c>--wait callback|poll</c> (poll: the host checks after 1 s instead of waiting for the
/// callback, with the 60 s maximum interval lowered so an instant task is not waited for a minute).
/// </summary>
public sealed class RuntimeThroughputBenchmark : IBenchmarkCommand
{
    public string Name => "runtime-throughput";

    public string Description => "Local host jobs/s from POST to archived, instant provider; storage and provider calls per job.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--jobs", "--in-flight", "--bytes", "--warmup", "--idle-seconds", "--wait"], []);
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
            : new Dictionary<string, string>();

        await using var stack = await PipelineProcessStack.StartAsync(overrides);
        output.WriteLine($"runtime-throughput: {MachineLoad.Environment()}; Azurite in memory; {MachineLoad.Describe()} at start");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jobs} jobs, {inFlight} in flight, FoxAPI sora-2, [emu:seconds=0], {bytes} bytes each, wait mode {waitMode}; " +
            $"{warmUp} warm-up jobs first. Host settings: production defaults{string.Concat(overrides.Select(o => $", {o.Key}={o.Value}"))}."));
        output.WriteLine();

        object Request(string label) => new
        {
            provider = "foxapi",
            model = "sora-2",
            prompt = string.Create(CultureInfo.InvariantCulture, $"runtime throughput {label} [emu:seconds=0][emu:bytes={bytes}]"),
            waitMode,
        };

        await RunClosedLoopAsync(stack, warmUp, Math.Min(inFlight, warmUp), i => Request($"warm-up {i}"), cancellationToken);

        // The runtime's own loops (discovery, inbox scan, lease renewals) cost storage requests whatever the load;
        // their rate is measured here and taken out of the per-job numbers below.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var idleBefore = stack.Storage.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
        var idle = StorageCounter.Difference(stack.Storage.Snapshot(), idleBefore);

        var storageBefore = stack.Storage.Snapshot();
        var providerBefore = await ProviderCountersAsync(stack, cancellationToken);
        var cpuBefore = (Host: stack.Host.CpuTime(), Azurite: stack.Azurite.CpuTime(), Bench: Process.GetCurrentProcess().TotalProcessorTime);
        var records = await RunClosedLoopAsync(stack, jobs, inFlight, i => Request($"{i}"), cancellationToken);
        var storage = StorageCounter.Difference(stack.Storage.Snapshot(), storageBefore);
        var cpu = (Host: stack.Host.CpuTime() - cpuBefore.Host, Azurite: stack.Azurite.CpuTime() - cpuBefore.Azurite,
            Bench: Process.GetCurrentProcess().TotalProcessorTime - cpuBefore.Bench);
        var providerAfter = await ProviderCountersAsync(stack, cancellationToken);
        var loadAtEnd = MachineLoad.Describe();

        var started = records.Min(r => r.Posted);
        var ended = records.Max(r => r.Finished);
        var seconds = (ended - started).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput: {jobs / seconds:F1} jobs/s ({jobs} jobs in {seconds:F1} s); {loadAtEnd} at end."));
        output.WriteLine();

        output.WriteLine("| latency (ms) | p50 | p95 | max |");
        output.WriteLine("|---|---:|---:|---:|");
        WriteLatency(output, "POST answered (202)", records.Select(r => (r.Accepted - r.Posted).TotalMilliseconds));
        WriteLatency(output, "POST → video committed (archived)", records.Select(r => (r.Committed - r.Posted).TotalMilliseconds));
        WriteLatency(output, "POST → job finished (lock released)", records.Select(r => (r.Finished - r.Posted).TotalMilliseconds));
        output.WriteLine();

        await WritePhasesAsync(output, stack, records, cancellationToken);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per job: host {cpu.Host.TotalMilliseconds / jobs:F1} ms, Azurite {cpu.Azurite.TotalMilliseconds / jobs:F1} ms, " +
            $"benchmark process (emulator + load generator) {cpu.Bench.TotalMilliseconds / jobs:F1} ms; " +
            $"{(cpu.Host + cpu.Azurite + cpu.Bench).TotalSeconds / seconds:F2} of the {Environment.ProcessorCount} cores busy with these three."));
        output.WriteLine();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Provider calls per job: {string.Join(", ", providerAfter.Select(p => $"{p.Key} {(p.Value - providerBefore.GetValueOrDefault(p.Key)) / (double)jobs:F2}"))}."));
        output.WriteLine();

        WriteStorage(output, storage, idle, idleSeconds, seconds, jobs);
        return 0;
    }

    private static async Task<List<JobRecord>> RunClosedLoopAsync(
        PipelineProcessStack stack, int jobs, int inFlight, Func<int, object> request, CancellationToken cancellationToken)
    {
        var records = new List<JobRecord>(jobs);
        var next = -1;
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs)
            {
                var posted = DateTime.UtcNow;
                var id = await stack.StartJobAsync(request(index), cancellationToken);
                var accepted = DateTime.UtcNow;
                var signals = stack.Signals(id);
                var finished = await signals.Finished.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
                var committed = signals.Committed.Task.IsCompletedSuccessfully ? signals.Committed.Task.Result : finished;
                lock (records)
                {
                    records.Add(new JobRecord(id, posted, accepted, committed, finished));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return records;
    }

    /// <summary>Where a job's time goes, from the workflow's own timings (read after the measured window).</summary>
    private static async Task WritePhasesAsync(
        TextWriter output, PipelineProcessStack stack, List<JobRecord> records, CancellationToken cancellationToken)
    {
        var phases = new Dictionary<string, List<double>>
        {
            ["POST → workflow started"] = [],
            ["started → submitted"] = [],
            ["submitted → generated (callback + status re-fetch)"] = [],
            ["generated → archived"] = [],
            ["archived → lock released (finish bookkeeping)"] = [],
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
                    phases["archived → lock released (finish bookkeeping)"].Add((record.Finished - At("archivedAt")).TotalMilliseconds);
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

    private static void WriteStorage(
        TextWriter output, Dictionary<string, long> storage, Dictionary<string, long> idle, int idleSeconds, double seconds, int jobs)
    {
        var total = storage.Values.Sum();
        var background = idle.ToDictionary(p => p.Key, p => p.Value / (double)idleSeconds * seconds);
        // The background estimate can exceed what a loop actually did in the window by a request or two.
        var perJob = storage.ToDictionary(p => p.Key, p => Math.Max(0, p.Value - background.GetValueOrDefault(p.Key)) / jobs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Storage requests: {total} in the window = {total / (double)jobs:F1} per job; of those, the runtime's background " +
            $"loops ({idle.Values.Sum() / (double)idleSeconds:F1} requests/s while idle) account for {background.Values.Sum() / jobs:F1} per job, " +
            $"leaving {perJob.Values.Sum():F1} per job."));
        output.WriteLine();
        output.WriteLine("| storage request (container, blob family, operation) | per job | idle rate (per s) |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, count) in perJob.OrderByDescending(p => p.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {count:F2} | {idle.GetValueOrDefault(name) / (double)idleSeconds:F2} |"));
        }

        output.WriteLine();
    }

    private static void WriteLatency(TextWriter output, string name, IEnumerable<double> values)
    {
        var list = values.ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentiles.Median(list):F0} | {Percentiles.Of(list, 95):F0} | {list.Max():F0} |"));
    }

    private static async Task<Dictionary<string, long>> ProviderCountersAsync(PipelineProcessStack stack, CancellationToken cancellationToken)
    {
        var overall = (await stack.EmulatorStatsAsync(cancellationToken))["overall"]!.AsObject();
        return new[] { "submissions", "statusCalls", "contentDownloads", "callbacksSent" }
            .ToDictionary(name => name, name => overall[name] is JsonValue value ? value.GetValue<long>() : 0);
    }
}
