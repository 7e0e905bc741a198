using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Archive;

/// <summary>
/// Measures one archive's memory in a fresh process. In the long-running benchmark process the shared array pool
/// already holds the block buffers of earlier runs, so a repeat run would show almost no growth and understate what
/// a host pays for its first archive; a fresh process (warmed up with a block size from another pool bucket) shows
/// the full cost: block buffers, HTTP buffers and the SDK's own.
/// </summary>
internal static class ArchiveMemoryProbe
{
    public const string UrlOption = "--probe-url";
    public const string WarmUpOption = "--probe-warmup-url";
    public const string ConnectionOption = "--probe-connection";
    public const string BlockOption = "--probe-block";
    public const string ConcurrencyOption = "--probe-concurrency";

    private const string Marker = "PROBE";

    // A pool bucket no measured configuration uses, so the warm-up leaves no buffer behind for the measured run.
    private const int WarmUpBlockSize = 256 * 1024;

    public static async Task<MemoryReport> MeasureAsync(
        string connectionString, Uri warmUpUrl, Uri url, ArchiveCandidate candidate, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ArchiveMemoryProbe).Assembly.Location);
        }

        foreach (var argument in new[]
                 {
                     "archive-throughput", UrlOption, url.AbsoluteUri, WarmUpOption, warmUpUrl.AbsoluteUri,
                     ConnectionOption, connectionString,
                     BlockOption, candidate.BlockSize.ToString(CultureInfo.InvariantCulture),
                     ConcurrencyOption, candidate.Concurrency.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the probe.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The memory probe failed ({process.ExitCode}): {await stdout}{await stderr}");
        }

        var fields = line.Split(' ').Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new MemoryReport(fields[0], fields[1], fields[2], fields[3]);
    }

    /// <summary>The child's side: warm up, then archive once under the sampler and print one line.</summary>
    public static async Task<int> RunChildAsync(BenchArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var url = args.String(UrlOption)!;
        var warmUpUrl = args.String(WarmUpOption) ?? throw new ArgumentException($"{WarmUpOption} is required.");
        var connection = args.String(ConnectionOption) ?? throw new ArgumentException($"{ConnectionOption} is required.");
        var candidate = new ArchiveCandidate(
            ArchiveCandidateKind.Archiver, args.Int(BlockOption, 0), args.Int(ConcurrencyOption, 0));
        using var media = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var blobs = new BlobServiceClient(connection);
        var runner = new ArchiveRunner(media);
        var container = blobs.GetBlobContainerClient(ArchiveRunner.Container);

        var warmUpBlob = $"probe-warmup-{Guid.NewGuid():N}.mp4";
        await runner.ArchiveAsync(blobs, candidate with { BlockSize = WarmUpBlockSize }, new Uri(warmUpUrl), warmUpBlob, cancellationToken);
        await container.DeleteBlobIfExistsAsync(warmUpBlob, cancellationToken: cancellationToken);

        var blob = $"probe-{Guid.NewGuid():N}.mp4";
        MemoryReport memory;
        await using (var sampler = MemorySampler.Start())
        {
            await runner.ArchiveAsync(blobs, candidate, new Uri(url), blob, cancellationToken);
            memory = await sampler.StopAsync();
        }

        await container.DeleteBlobIfExistsAsync(blob, cancellationToken: cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Marker} {memory.PeakManagedGrowth} {memory.PeakWorkingSetGrowth} {memory.Allocated} {memory.RetainedAfterCollection}"));
        return 0;
    }
}
