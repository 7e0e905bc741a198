using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Archive;

/// <summary>
/// Measures one archive's memory in a fresh process. In the long-running benchmark process the shared array pool
/// already holds the block buffers of earlier runs, so a repeat run would show almost no growth and understate what
/// a host pays for its first archive; a fresh process (warmed up with a block size from another pool bucket) shows
/// the full cost: block buffers, HTTP buffers and the SDK's own. The emulator serving the video stays in the parent,
/// so the child holds nothing but the archive.
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

    // The JIT's memory is the process's one-off cost, not the archive's, so it should land before the measurement.
    // Tiered compilation counts a method's calls only once no new method has been compiled for a while (100 ms), and
    // recompiles it in the background after 30 counted calls: warm-ups separated by pauses get every method of the
    // archive path through that. With a single warm-up the recompilation ran during the measured archive and added
    // 4–8 MiB of native (JIT) memory to its working set; with tiered compilation off, that growth disappeared.
    private const int WarmUps = 3;
    private static readonly TimeSpan JitSettleTime = TimeSpan.FromSeconds(1);

    // How long a probe that died of SIGTERM or SIGINT waits to learn whether the benchmark was signalled too.
    private static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(2);

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
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The benchmark is stopping: take the probe with it instead of leaving it to archive on its own.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        var output = await stdout;
        var errors = await stderr;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode == 0 && line is not null)
        {
            var fields = line.Split(' ').Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return new MemoryReport(fields[0], fields[1], fields[2], fields[3]);
        }

        // `timeout`, a stopped CI job or `kill -- -<pgid>` signal the whole process group: the probe dies at once
        // (exit 128 + signal), and the benchmark's own handler cancels a moment later. That is an interruption, not
        // a failed measurement.
        if (process.ExitCode is 128 + 2 or 128 + 15)
        {
            await Task.Delay(SignalGrace, cancellationToken);
        }

        throw new InvalidOperationException($"The memory probe failed ({DescribeExit(process.ExitCode)}): {output}{errors}");
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

        var warmUp = candidate with { BlockSize = WarmUpBlockSize };
        for (var i = 0; i < WarmUps; i++)
        {
            var warmUpBlob = $"probe-warmup-{Guid.NewGuid():N}.mp4";
            await runner.ArchiveAsync(blobs, warmUp, new Uri(warmUpUrl), warmUpBlob, cancellationToken);
            await container.DeleteBlobIfExistsAsync(warmUpBlob, cancellationToken: cancellationToken);
            await Task.Delay(JitSettleTime, cancellationToken);
        }

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

    private static string DescribeExit(int exitCode) => exitCode switch
    {
        128 + 2 => "exit 130: SIGINT from outside the benchmark",
        128 + 9 => "exit 137: SIGKILL, e.g. the kernel's out-of-memory killer",
        128 + 15 => "exit 143: SIGTERM from outside the benchmark, e.g. `timeout` or a stopped job signalling the process group",
        _ => $"exit {exitCode}",
    };
}
