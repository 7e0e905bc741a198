using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Core.Archive;
using VideoPipeline.Emulator;

namespace VideoPipeline.Bench.Archive;

/// <summary>
/// Emulator result URL → <see cref="BlobVideoArchiver"/> → Azurite, against a ceiling and a baseline measured in the
/// same rounds: the ceiling is Azurite accepting the same bytes as staged blocks with a transactional MD5 straight
/// from memory (the archiver's upload half alone), the baseline the SDK uploading them from memory with its default
/// transfer options; staged blocks without a checksum show what the MD5 saves on Azurite. Candidates run interleaved,
/// in a rotated order each round, and ratios are taken per round, so drift from other work on the machine hits both
/// sides of a ratio alike. Each transfer also reports the benchmark process's CPU time per GiB (the client side: the
/// emulator serving the download, the archiver or the SDK), which shows where the archiver's extra work is even when
/// other work on the machine blurs the times. Memory per archiver configuration comes from fresh processes
/// (<see cref="ArchiveMemoryProbe"/>).
/// Arguments: <c>--sizes 256,1024</c> (MiB), <c>--blocks 8</c> (MiB) and <c>--concurrency 4</c> (lists make a grid;
/// the defaults are those of <see cref="ArchiveOptions"/>), <c>--rounds 5</c>, <c>--ceilings</c> (a ceiling for every grid
/// cell, not only the default shape), <c>--disk</c> (Azurite persists to a temporary folder instead of memory),
/// <c>--no-memory</c>. SIGTERM or Ctrl+C stop it cleanly: the tables printed so far stand, Azurite and the probe stop.
/// </summary>
public sealed class ArchiveThroughputBenchmark : IBenchmarkCommand
{
    private const int MiB = 1024 * 1024;

    // Azurite is replaced after this many bytes (see AzuriteSession).
    private const long AzuriteByteBudget = 4L * 1024 * MiB;

    // The baselines need the whole video in one array.
    private const int MaxSizeMiB = 1536;

    // Issue 13's goal for the default configuration: at least 0.9× the ceiling, at most 48 MiB of memory growth.
    private const double ThroughputGoal = 0.9;
    private const long MemoryGoal = 48L * MiB;

    private static readonly int[] DefaultSizesMiB = [256, 1024];

    public string Name => "archive-throughput";

    public string Description => "Emulator → archiver → Azurite vs staged blocks from memory (the ceiling) and the SDK's upload; memory per configuration.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(
            args,
            ["--sizes", "--blocks", "--concurrency", "--rounds", ArchiveMemoryProbe.UrlOption, ArchiveMemoryProbe.WarmUpOption,
             ArchiveMemoryProbe.ConnectionOption, ArchiveMemoryProbe.BlockOption, ArchiveMemoryProbe.ConcurrencyOption],
            ["--disk", "--no-memory", "--ceilings"]);
        if (options.String(ArchiveMemoryProbe.UrlOption) is not null)
        {
            return await ArchiveMemoryProbe.RunChildAsync(options, output, cancellationToken);
        }

        var sizesMiB = options.Ints("--sizes", DefaultSizesMiB);
        if (sizesMiB.Any(s => s is < 1 or > MaxSizeMiB))
        {
            await Console.Error.WriteLineAsync($"Sizes must be 1 to {MaxSizeMiB} MiB: the baselines hold the video in one array.");
            return 2;
        }

        // `timeout` and stopped jobs send SIGTERM to the whole process group, the memory probe included. Stopping
        // here, rather than dying on the probe's exit code, keeps the finished tables and takes Azurite down with us.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var terminated = false;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminated = true;
            _ = stop.CancelAsync();
        });
        try
        {
            await MeasureAsync(options, sizesMiB, output, stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.WriteLine();
            output.WriteLine($"Stopped by {(terminated ? "SIGTERM" : "Ctrl+C")} before the end; the tables above are complete. {MachineLoad.Describe()}.");
            return terminated ? 128 + 15 : 128 + 2;
        }
    }

    private static async Task MeasureAsync(BenchArgs options, int[] sizesMiB, TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = options.Int("--rounds", 5);
        var defaults = new ArchiveOptions();
        var ceiling = new ArchiveCandidate(ArchiveCandidateKind.StagedFromMemoryWithMd5, defaults.BlockSizeBytes, defaults.MaxConcurrentBlocks);
        var archiverDefault = ceiling with { Kind = ArchiveCandidateKind.Archiver };
        var candidates = new List<ArchiveCandidate>
        {
            ArchiveCandidate.SdkUpload,
            ceiling with { Kind = ArchiveCandidateKind.StagedFromMemory },
            ceiling,
        };
        foreach (var block in options.Ints("--blocks", [defaults.BlockSizeBytes / MiB]))
        {
            foreach (var concurrency in options.Ints("--concurrency", [defaults.MaxConcurrentBlocks]))
            {
                var archiver = new ArchiveCandidate(ArchiveCandidateKind.Archiver, block * MiB, concurrency);
                candidates.Add(archiver);
                if (options.Has("--ceilings") && archiver != archiverDefault)
                {
                    candidates.Add(archiver with { Kind = ArchiveCandidateKind.StagedFromMemoryWithMd5 });
                }
            }
        }

        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultGenerationSeconds = 0, cancellationToken);
        using var api = new HttpClient { BaseAddress = emulator.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Options.FoxApi.ApiKey);

        // Like the production media client: no API key, no overall timeout (a 1 GiB download takes a while).
        using var media = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runner = new ArchiveRunner(media);

        var warmUpUrl = await ResultUrlAsync(api, 16L * MiB, cancellationToken);
        var urls = new Dictionary<long, Uri>();
        foreach (var sizeMiB in sizesMiB)
        {
            urls[sizeMiB * (long)MiB] = await ResultUrlAsync(api, sizeMiB * (long)MiB, cancellationToken);
        }

        // The baselines upload the very bytes the archiver streams; smaller sizes use a prefix (content is irrelevant
        // to Azurite, length is not).
        var largest = urls.Keys.Max();
        var prefilled = new byte[largest];
        await DownloadIntoAsync(media, urls[largest], prefilled, cancellationToken);

        var warmUpCandidates = candidates.DistinctBy(c => c.Kind).ToList();
        await using var azurite = new AzuriteSession(options.Has("--disk"), AzuriteByteBudget, async blobs =>
        {
            await blobs.GetBlobContainerClient(ArchiveRunner.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            foreach (var candidate in warmUpCandidates)
            {
                var name = $"warmup-{Guid.NewGuid():N}.mp4";
                await runner.RunAsync(blobs, candidate, warmUpUrl, prefilled, 16L * MiB, name, cancellationToken);
                await blobs.GetBlobContainerClient(ArchiveRunner.Container).DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
            }
        });

        output.WriteLine($"archive-throughput: {MachineLoad.Environment()}; Azurite {azurite.Persistence}; {rounds} rounds; {MachineLoad.Describe()} at start");
        output.WriteLine();

        var verdicts = new List<string>();
        foreach (var (size, url) in urls)
        {
            var measurements = new List<ArchiveMeasurement>();
            string? sdkShape = null;
            for (var round = 0; round < rounds; round++)
            {
                // Rotate so that every candidate runs early, late and in the middle of a round across the rounds.
                var shift = round * Math.Max(1, candidates.Count / rounds);
                var order = candidates.Skip(shift % candidates.Count).Concat(candidates.Take(shift % candidates.Count));
                foreach (var candidate in order)
                {
                    await azurite.ReserveAsync(size);
                    var blobName = $"{candidate.Kind}-{Guid.NewGuid():N}.mp4".ToLowerInvariant();
                    var logBefore = candidate.Kind == ArchiveCandidateKind.SdkUpload && sdkShape is null ? azurite.Instance.Output.Length : -1;
                    try
                    {
                        measurements.Add(await TimeAsync(azurite.Blobs, runner, candidate, url, prefilled, size, blobName, round, cancellationToken));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        throw new InvalidOperationException(
                            $"{candidate.Label} failed at {Size(size)} in round {round + 1}. Azurite's output ends:{Environment.NewLine}{azurite.OutputTail()}", e);
                    }

                    await VerifyAndDeleteAsync(azurite.Blobs, blobName, size, cancellationToken);
                    if (logBefore >= 0)
                    {
                        sdkShape = DescribeRequests(azurite.Instance.Output[logBefore..], blobName);
                    }
                }

                output.WriteLine($"  {Size(size)} round {round + 1}/{rounds} done; {MachineLoad.Describe()}");
            }

            output.WriteLine();
            WriteThroughputTable(output, size, candidates, ceiling, measurements, sdkShape);
            if (candidates.Contains(archiverDefault))
            {
                var ratio = Percentiles.Median(RatiosTo(measurements, archiverDefault, ceiling));
                verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Size(size)}: archiver {archiverDefault.Shape} at {ratio:F2}× the ceiling ({Verdict(ratio >= ThroughputGoal)})"));
            }
        }

        if (!options.Has("--no-memory"))
        {
            var memory = await WriteMemoryTableAsync(output, azurite, warmUpUrl, urls, candidates, cancellationToken);
            foreach (var (_, size, report) in memory.Where(m => m.Candidate == archiverDefault))
            {
                var growth = Math.Max(report.PeakManagedGrowth, report.PeakWorkingSetGrowth);
                verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Size(size)}: peak memory growth {Mib(growth):F0} MiB ({Verdict(growth <= MemoryGoal)})"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Goal: ≥ {ThroughputGoal:F1}× the ceiling and ≤ {MemoryGoal / MiB} MiB peak memory growth. {string.Join("; ", verdicts)}."));
        output.WriteLine();
        output.WriteLine($"Azurite was started {azurite.Starts} times (a fresh one every {AzuriteByteBudget / MiB / 1024} GiB). {MachineLoad.Describe()} at end.");
    }

    private static async Task<ArchiveMeasurement> TimeAsync(
        BlobServiceClient blobs,
        ArchiveRunner runner,
        ArchiveCandidate candidate,
        Uri url,
        byte[] prefilled,
        long size,
        string blobName,
        int round,
        CancellationToken cancellationToken)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await runner.RunAsync(blobs, candidate, url, prefilled, size, blobName, cancellationToken);
        return new ArchiveMeasurement(
            candidate, size, round, clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static async Task VerifyAndDeleteAsync(BlobServiceClient blobs, string blobName, long size, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(ArchiveRunner.Container).GetBlobClient(blobName);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.Value.ContentLength != size)
        {
            throw new InvalidOperationException($"{blobName} has {properties.Value.ContentLength} bytes, expected {size}.");
        }

        await blob.DeleteAsync(cancellationToken: cancellationToken);
    }

    private static void WriteThroughputTable(
        TextWriter output,
        long size,
        List<ArchiveCandidate> candidates,
        ArchiveCandidate ceiling,
        List<ArchiveMeasurement> measurements,
        string? sdkShape)
    {
        output.WriteLine($"{Size(size)} (SDK baseline sent {sdkShape ?? "?"}):");
        output.WriteLine();
        output.WriteLine("| candidate | MiB/s (median) | min–max | × ceiling | × SDK baseline | client CPU s/GiB (median) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var candidate in candidates)
        {
            var own = measurements.Where(m => m.Candidate == candidate).ToList();
            var speeds = own.Select(m => m.MibPerSecond).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {candidate.Label} | {Percentiles.Median(speeds):F0} | {speeds.Min():F0}–{speeds.Max():F0} | " +
                $"{Percentiles.Median(RatiosTo(measurements, candidate, ceiling)):F2} | " +
                $"{Percentiles.Median(RatiosTo(measurements, candidate, ArchiveCandidate.SdkUpload)):F2} | " +
                $"{Percentiles.Median(own.Select(m => m.CpuSecondsPerGib)):F2} |"));
        }

        output.WriteLine();
        foreach (var archiver in candidates.Where(c => c.Kind == ArchiveCandidateKind.Archiver))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"archiver {archiver.Shape} ÷ ceiling, per round: {string.Join(", ", RatiosTo(measurements, archiver, ceiling).Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}."));
        }

        var ceilingSpeeds = measurements.Where(m => m.Candidate == ceiling).Select(m => m.MibPerSecond).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Noise: the ceiling's spread over the rounds was {Percentiles.Spread(ceilingSpeeds):P0} ((max − min) / median)."));
        output.WriteLine();
    }

    /// <summary>The candidate's speed over the reference's, round by round: both ran in the same round, close in time.</summary>
    private static List<double> RatiosTo(List<ArchiveMeasurement> measurements, ArchiveCandidate candidate, ArchiveCandidate reference) =>
        measurements.Select(m => m.Round).Distinct().Order().Select(round =>
            measurements.Single(m => m.Round == round && m.Candidate == candidate).MibPerSecond
            / measurements.Single(m => m.Round == round && m.Candidate == reference).MibPerSecond).ToList();

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static async Task<List<(ArchiveCandidate Candidate, long Size, MemoryReport Report)>> WriteMemoryTableAsync(
        TextWriter output,
        AzuriteSession azurite,
        Uri warmUpUrl,
        Dictionary<long, Uri> urls,
        List<ArchiveCandidate> candidates,
        CancellationToken cancellationToken)
    {
        var sizes = urls.Keys.Order().ToList();
        var reports = new List<(ArchiveCandidate, long, MemoryReport)>();
        output.WriteLine("Memory of one archive in a fresh process after a warm-up (MiB: peak managed heap growth / peak working set growth / allocated):");
        output.WriteLine();
        output.WriteLine($"| configuration | block buffers b × (c + 1) | {string.Join(" | ", sizes.Select(Size))} |");
        output.WriteLine($"|---|---:|{string.Concat(sizes.Select(_ => "---:|"))}");
        foreach (var candidate in candidates.Where(c => c.Kind == ArchiveCandidateKind.Archiver))
        {
            var cells = new List<string>();
            foreach (var size in sizes)
            {
                await azurite.ReserveAsync(size);
                var memory = await ArchiveMemoryProbe.MeasureAsync(azurite.ConnectionString, warmUpUrl, urls[size], candidate, cancellationToken);
                reports.Add((candidate, size, memory));
                cells.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Mib(memory.PeakManagedGrowth):F0} / {Mib(memory.PeakWorkingSetGrowth):F0} / {Mib(memory.Allocated):F0}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| archiver {candidate.Shape} | {Mib((long)candidate.BlockSize * (candidate.Concurrency + 1)):F0} | {string.Join(" | ", cells)} |"));
        }

        output.WriteLine();
        return reports;
    }

    /// <summary>How many requests of each kind Azurite logged for one blob (its access log is on by default).</summary>
    private static string DescribeRequests(string log, string blobName)
    {
        var lines = log.Split('\n').Where(l => l.Contains($"/{blobName}", StringComparison.Ordinal)).ToList();
        var blocks = lines.Count(l => l.Contains("comp=block&", StringComparison.Ordinal));
        var lists = lines.Count(l => l.Contains("comp=blocklist", StringComparison.Ordinal));
        var puts = lines.Count(l => l.Contains("\"PUT ", StringComparison.Ordinal)) - blocks - lists;
        return blocks > 0 ? $"{blocks} Put Block + {lists} Put Block List" : $"{puts} Put Blob";
    }

    internal static async Task<Uri> ResultUrlAsync(HttpClient api, long bytes, CancellationToken cancellationToken)
    {
        using var submit = await api.PostAsJsonAsync(
            "v1/videos/generations",
            new { model = "sora-2", prompt = $"archive benchmark {Guid.NewGuid():N} [emu:seconds=0][emu:bytes={bytes}]" },
            cancellationToken);
        submit.EnsureSuccessStatusCode();
        var id = (await submit.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString();
        var task = await api.GetFromJsonAsync<JsonElement>($"v1/tasks/{id}", cancellationToken);
        return new Uri(task.GetProperty("results")[0].GetString()!);
    }

    private static async Task DownloadIntoAsync(HttpClient media, Uri url, byte[] buffer, CancellationToken cancellationToken)
    {
        using var response = await media.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.ReadExactlyAsync(buffer, cancellationToken);
    }

    private static string Size(long bytes) =>
        bytes >= 1024L * MiB && bytes % (1024L * MiB) == 0 ? $"{bytes / 1024 / MiB} GiB" : $"{bytes / MiB} MiB";

    private static double Mib(long bytes) => bytes / (double)MiB;
}
