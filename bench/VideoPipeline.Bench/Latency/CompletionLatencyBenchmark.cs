using System.Globalization;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using VideoPipeline.Bench.Archive;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Bench.Runtime;
using VideoPipeline.Core.Archive;

namespace VideoPipeline.Bench.Latency;

/// <summary>
/// The latency the pipeline adds after the provider has finished: from the emulator's completion time to the video
/// committed in Azurite and to the job view first showing <c>succeeded</c> (<see cref="CompletionProbe"/>), in callback
/// and poll mode, for each video size — next to the copy time of the same size measured in the same run, the archiver
/// alone moving the emulator's result into the same Azurite (<see cref="ArchiveRunner"/>, production block settings).
/// What the pipeline adds is then the latency minus the copy time.
/// Arguments: <c>--jobs 20</c> (per mode and size), <c>--sizes 1,64</c> (MiB), <c>--modes callback,poll</c>,
/// <c>--in-flight 2</c>, <c>--seconds 3</c> (generation time), <c>--copies 10</c> (per size, half before and half after
/// its jobs), <c>--set Key=Value</c> (a host setting, repeatable).
/// </summary>
public sealed class CompletionLatencyBenchmark : IBenchmarkCommand
{
    private const int MiB = 1024 * 1024;

    public string Name => "completion-latency";

    public string Description => "Provider completion → blob committed → job view succeeded, callback and poll, next to the copy time alone.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--jobs", "--sizes", "--modes", "--in-flight", "--seconds", "--copies", "--set"], []);
        var jobs = options.Int("--jobs", 20);
        var sizes = options.Ints("--sizes", [1, 64]);
        var modes = options.Strings("--modes", ["callback", "poll"]);
        var inFlight = options.Int("--in-flight", 2);
        var seconds = options.Double("--seconds", 3);
        var copies = options.Int("--copies", 10);

        await using var stack = await BenchmarkStack.StartAsync(options.Pairs("--set"));
        output.WriteLine($"completion-latency: {MachineLoad.Environment()}; Azurite in memory; {MachineLoad.Describe()} at start");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jobs} jobs per mode and size, {inFlight} at a time, FoxAPI sora-2, [emu:seconds={seconds}]; {copies} copies per size; " +
            $"job views read every {CompletionProbe.ViewInterval.TotalMilliseconds:F0} ms once the video is committed. " +
            $"Host settings: {stack.DescribeSettings()}."));
        output.WriteLine();

        using var api = new HttpClient { BaseAddress = stack.Emulator.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Emulator.Options.FoxApi.ApiKey);
        using var media = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var copier = new Copier(new ArchiveRunner(media), new BlobServiceClient(stack.Azurite.ConnectionString));
        await copier.Blobs.GetBlobContainerClient(ArchiveRunner.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // Warm-up (JIT, connections, containers) is not measured.
        await RunJobsAsync(stack, "callback", MiB, seconds, 2, inFlight, cancellationToken);
        await copier.CopyAsync(await ArchiveThroughputBenchmark.ResultUrlAsync(api, MiB, cancellationToken), cancellationToken);

        var rows = new List<(string Mode, int SizeMiB, List<CompletionSample> Samples)>();
        var copyTimes = new Dictionary<int, List<double>>();
        foreach (var sizeMiB in sizes)
        {
            var source = await ArchiveThroughputBenchmark.ResultUrlAsync(api, sizeMiB * (long)MiB, cancellationToken);
            copyTimes[sizeMiB] = [];
            for (var i = 0; i < copies / 2; i++)
            {
                copyTimes[sizeMiB].Add(await copier.CopyAsync(source, cancellationToken));
            }

            foreach (var mode in modes)
            {
                rows.Add((mode, sizeMiB, await RunJobsAsync(stack, mode, sizeMiB * (long)MiB, seconds, jobs, inFlight, cancellationToken)));
                output.WriteLine($"  {mode}, {sizeMiB} MiB done; {MachineLoad.Describe()}");
            }

            for (var i = copies / 2; i < copies; i++)
            {
                copyTimes[sizeMiB].Add(await copier.CopyAsync(source, cancellationToken));
            }
        }

        output.WriteLine();
        Write(output, rows, copyTimes);
        output.WriteLine($"{MachineLoad.Describe()} at end.");
        return 0;
    }

    private static Task<List<CompletionSample>> RunJobsAsync(
        BenchmarkStack stack, string mode, long bytes, double seconds, int count, int inFlight, CancellationToken cancellationToken) =>
        CompletionProbe.RunManyAsync(stack, count, inFlight, () => new
        {
            provider = "foxapi",
            model = "sora-2",
            prompt = string.Create(CultureInfo.InvariantCulture, $"completion latency {Guid.NewGuid():N} [emu:seconds={seconds}][emu:bytes={bytes}]"),
            waitMode = mode,
        }, cancellationToken);

    private static void Write(
        TextWriter output, List<(string Mode, int SizeMiB, List<CompletionSample> Samples)> rows, Dictionary<int, List<double>> copyTimes)
    {
        output.WriteLine("| mode, size | completion → callback accepted | completion → status check that saw it | completion → archive start | completion → committed | completion → succeeded in the view | committed → succeeded in the view |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (mode, sizeMiB, samples) in rows)
        {
            output.WriteLine(
                $"| {mode}, {sizeMiB} MiB | {Cell(samples, s => CompletionSample.Between(s.CompletesAt, s.CallbackDeliveredAt))} | " +
                $"{Cell(samples, s => CompletionSample.Between(s.CompletesAt, s.DetectedAt))} | " +
                $"{Cell(samples, s => CompletionSample.Between(s.CompletesAt, s.ArchiveStartedAt))} | " +
                $"{Cell(samples, s => CompletionSample.Between(s.CompletesAt, s.CommittedAt))} | " +
                $"{Cell(samples, s => CompletionSample.Between(s.CompletesAt, s.SucceededSeenAt))} | " +
                $"{Cell(samples, s => CompletionSample.Between(s.CommittedAt, s.SucceededSeenAt))} |");
        }

        output.WriteLine();
        output.WriteLine("Milliseconds, p50 / p95.");
        output.WriteLine();
        output.WriteLine("| size | copy time alone, p50 / p95 (ms) | callback mode: completion → committed minus copy p50 (ms) | callback mode: completion → succeeded minus copy p50 (ms) |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (sizeMiB, times) in copyTimes)
        {
            var copy = Percentiles.Median(times);
            var callback = rows.Where(r => r.Mode == "callback" && r.SizeMiB == sizeMiB).SelectMany(r => r.Samples).ToList();
            string Overhead(Func<CompletionSample, double?> pick) => callback.Count == 0
                ? "–"
                : string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Median(callback.Select(pick).OfType<double>()) - copy:F0}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sizeMiB} MiB | {copy:F0} / {Percentiles.Of(times, 95):F0} | " +
                $"{Overhead(s => CompletionSample.Between(s.CompletesAt, s.CommittedAt))} | " +
                $"{Overhead(s => CompletionSample.Between(s.CompletesAt, s.SucceededSeenAt))} |"));
        }

        output.WriteLine();
    }

    private static string Cell(List<CompletionSample> samples, Func<CompletionSample, double?> pick)
    {
        var values = samples.Select(pick).OfType<double>().ToList();
        return values.Count == 0
            ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Median(values):F0} / {Percentiles.Of(values, 95):F0}");
    }

    /// <summary>The archiver alone, with the production block settings, from the emulator into the stack's Azurite.</summary>
    private sealed class Copier(ArchiveRunner runner, BlobServiceClient blobs)
    {
        private static readonly ArchiveCandidate Production = new(
            ArchiveCandidateKind.Archiver, new ArchiveOptions().BlockSizeBytes, new ArchiveOptions().MaxConcurrentBlocks);

        public BlobServiceClient Blobs => blobs;

        /// <returns>Milliseconds from the first request to the commit.</returns>
        public async Task<double> CopyAsync(Uri source, CancellationToken cancellationToken)
        {
            var name = $"copy-{Guid.NewGuid():N}.mp4";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await runner.ArchiveAsync(blobs, Production, source, name, cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await blobs.GetBlobContainerClient(ArchiveRunner.Container).DeleteBlobAsync(name, cancellationToken: cancellationToken);
            return elapsed;
        }
    }
}
