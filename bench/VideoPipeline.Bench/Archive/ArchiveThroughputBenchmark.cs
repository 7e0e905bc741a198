using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Core.Archive;
using VideoPipeline.Emulator;

namespace VideoPipeline.Bench.Archive;

/// <summary>
/// Emulator result URL → <see cref="BlobVideoArchiver"/> → Azurite, for several video sizes and a grid of block sizes
/// and concurrencies, against two baselines measured in the same rounds: the SDK uploading the same bytes from memory
/// with its default transfer options, and staged blocks from memory (the upload half alone). Candidates run
/// interleaved, in a rotated order each round, and the ratio to the baseline is taken per round, so drift from other
/// work on the machine hits both sides of a ratio alike. Memory per configuration comes from fresh processes
/// (<see cref="ArchiveMemoryProbe"/>).
/// Arguments: <c>--sizes 16,256,1024</c> (MiB), <c>--blocks 4,8,16</c> (MiB), <c>--concurrency 2,4,8</c>,
/// <c>--rounds 3</c>, <c>--ceilings</c> (a staged-from-memory run for every grid cell, not only the default), <c>--disk</c> (Azurite persists to a temporary folder instead of memory), <c>--no-memory</c>.
/// </summary>
public sealed class ArchiveThroughputBenchmark : IBenchmarkCommand
{
    private const int MiB = 1024 * 1024;

    // Azurite is replaced after this many bytes (see AzuriteSession).
    private const long AzuriteByteBudget = 4L * 1024 * MiB;

    // The baselines need the whole video in one array.
    private const int MaxSizeMiB = 1536;

    private static readonly int[] DefaultSizesMiB = [16, 256, 1024];
    private static readonly int[] DefaultBlocksMiB = [4, 8, 16];
    private static readonly int[] DefaultConcurrency = [2, 4, 8];

    public string Name => "archive-throughput";

    public string Description => "Emulator → archiver → Azurite vs the SDK uploading from memory; block size × concurrency grid.";

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

        var rounds = options.Int("--rounds", 3);
        var defaults = new ArchiveOptions();
        var candidates = new List<ArchiveCandidate>
        {
            ArchiveCandidate.SdkUpload,
            new(ArchiveCandidateKind.StagedFromMemory, defaults.BlockSizeBytes, defaults.MaxConcurrentBlocks),
            new(ArchiveCandidateKind.StagedFromMemoryWithMd5, defaults.BlockSizeBytes, defaults.MaxConcurrentBlocks),
        };
        foreach (var block in options.Ints("--blocks", DefaultBlocksMiB))
        {
            foreach (var concurrency in options.Ints("--concurrency", DefaultConcurrency))
            {
                candidates.Add(new ArchiveCandidate(ArchiveCandidateKind.Archiver, block * MiB, concurrency));
                if (options.Has("--ceilings") && (block * MiB, concurrency) != (defaults.BlockSizeBytes, defaults.MaxConcurrentBlocks))
                {
                    candidates.Add(new ArchiveCandidate(ArchiveCandidateKind.StagedFromMemory, block * MiB, concurrency));
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

        var warmUpCandidates = new[] { ArchiveCandidate.SdkUpload, candidates[1] with { Kind = ArchiveCandidateKind.Archiver } };
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

        var all = new List<ArchiveMeasurement>();
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
                    measurements.Add(await MeasureAsync(azurite.Blobs, runner, candidate, url, prefilled, size, blobName, round, cancellationToken));
                    await VerifyAndDeleteAsync(azurite.Blobs, blobName, size, cancellationToken);
                    if (logBefore >= 0)
                    {
                        sdkShape = DescribeRequests(azurite.Instance.Output[logBefore..], blobName);
                    }
                }

                output.WriteLine($"  {Size(size)} round {round + 1}/{rounds} done; {MachineLoad.Describe()}");
            }

            all.AddRange(measurements);
            output.WriteLine();
            WriteThroughputTable(output, size, candidates, measurements, sdkShape);
        }

        if (!options.Has("--no-memory"))
        {
            await WriteMemoryTableAsync(output, azurite, warmUpUrl, urls, candidates, all, cancellationToken);
        }

        output.WriteLine($"Azurite was started {azurite.Starts} times (a fresh one every {AzuriteByteBudget / MiB / 1024} GiB). {MachineLoad.Describe()} at end.");
        return 0;
    }

    private static async Task<ArchiveMeasurement> MeasureAsync(
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
        await using var sampler = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        await runner.RunAsync(blobs, candidate, url, prefilled, size, blobName, cancellationToken);
        clock.Stop();
        var memory = await sampler.StopAsync();
        return new ArchiveMeasurement(candidate, size, round, clock.Elapsed.TotalSeconds, memory);
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
        TextWriter output, long size, List<ArchiveCandidate> candidates, List<ArchiveMeasurement> measurements, string? sdkShape)
    {
        var rounds = measurements.Select(m => m.Round).Distinct().Order().ToList();
        double RatioTo(ArchiveCandidate candidate, ArchiveCandidate baseline) => Percentiles.Median(rounds.Select(r =>
            measurements.Single(m => m.Round == r && m.Candidate == candidate).MibPerSecond
            / measurements.Single(m => m.Round == r && m.Candidate == baseline).MibPerSecond));

        // The first staged candidate is the one with the archiver's default shape.
        var ceiling = candidates.First(c => c.Kind == ArchiveCandidateKind.StagedFromMemory);
        output.WriteLine($"{Size(size)} (SDK baseline sent {sdkShape ?? "?"}):");
        output.WriteLine();
        output.WriteLine("| candidate | MiB/s (median) | min–max | × SDK baseline | × staged ceiling | peak working set growth, warm (MiB) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var candidate in candidates)
        {
            var own = measurements.Where(m => m.Candidate == candidate).ToList();
            var speeds = own.Select(m => m.MibPerSecond).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {candidate.Label} | {Percentiles.Median(speeds):F0} | {speeds.Min():F0}–{speeds.Max():F0} | " +
                $"{RatioTo(candidate, ArchiveCandidate.SdkUpload):F2} | {RatioTo(candidate, ceiling):F2} | " +
                $"{Mib(own.Max(m => m.Memory.PeakWorkingSetGrowth)):F0} |"));
        }

        var baseline = measurements.Where(m => m.Candidate == ArchiveCandidate.SdkUpload).Select(m => m.MibPerSecond).ToList();
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Noise: the SDK baseline's spread over the rounds was {Percentiles.Spread(baseline):P0} ((max − min) / median)."));
        output.WriteLine();
    }

    private static async Task WriteMemoryTableAsync(
        TextWriter output,
        AzuriteSession azurite,
        Uri warmUpUrl,
        Dictionary<long, Uri> urls,
        List<ArchiveCandidate> candidates,
        List<ArchiveMeasurement> measurements,
        CancellationToken cancellationToken)
    {
        var sizes = urls.Keys.Order().ToList();
        output.WriteLine("Memory of one archive in a fresh process (peak managed heap growth / peak working set growth, MiB):");
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
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{Mib(memory.PeakManagedGrowth):F0} / {Mib(memory.PeakWorkingSetGrowth):F0}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| archiver {candidate.Shape} | {Mib((long)candidate.BlockSize * (candidate.Concurrency + 1)):F0} | {string.Join(" | ", cells)} |"));
        }

        // The SDK's number comes from the benchmark process (its pooled buffers are warm there); its input, the whole
        // video in an array, is allocated before sampling and so is not in it.
        var sdk = sizes.Select(s => measurements.Where(m => m.SizeBytes == s && m.Candidate == ArchiveCandidate.SdkUpload)
            .Select(m => m.Memory).ToList()).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| SDK baseline, warm, excluding its in-memory copy of the video | – | {string.Join(" | ", sdk.Select(m => $"{Mib(m.Max(x => x.PeakManagedGrowth)):F0} / {Mib(m.Max(x => x.PeakWorkingSetGrowth)):F0}"))} |"));
        output.WriteLine();
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
