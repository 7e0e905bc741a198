using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPipeline.Emulator;

namespace VideoPipeline.Bench.Emulator;

/// <summary>
/// Streams emulator results of growing size through HttpClient into a null sink and reports throughput and peak
/// memory growth, showing that padded MP4s are generated on the fly rather than buffered.
/// Arguments: optional sizes in MiB; the default <c>16 256 2048 8192</c> includes one result past 4 GiB (64-bit box).
/// </summary>
public sealed class EmulatorMemoryBenchmark : IBenchmarkCommand
{
    private const int MiB = 1024 * 1024;
    private static readonly long[] DefaultSizesMiB = [16, 256, 2048, 8192];

    public string Name => "emulator-memory";

    public string Description => "Stream 16 MiB to 8 GiB emulator results; report MiB/s and peak memory growth.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var sizes = args.Count == 0 ? DefaultSizesMiB : args.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultGenerationSeconds = 0, cancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Options.FoxApi.ApiKey);

        // Warm-up, so JIT and connection set-up do not land in the first row.
        await DownloadAsync(http, await ResultUrlAsync(http, 16L * MiB, cancellationToken), cancellationToken);

        output.WriteLine($"emulator-memory: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        output.WriteLine();
        output.WriteLine("| result size | time (s) | throughput (MiB/s) | peak managed heap growth (MiB) | peak working set growth (MiB) | allocated while streaming (MiB) | retained after GC (MiB) |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var sizeMiB in sizes)
        {
            var bytes = sizeMiB * MiB;
            var url = await ResultUrlAsync(http, bytes, cancellationToken);
            await using var sampler = MemorySampler.Start();
            var clock = Stopwatch.StartNew();
            var received = await DownloadAsync(http, url, cancellationToken);
            clock.Stop();
            var memory = await sampler.StopAsync();
            if (received != bytes)
            {
                await Console.Error.WriteLineAsync($"Expected {bytes} bytes, received {received}.");
                return 1;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Size(sizeMiB)} | {clock.Elapsed.TotalSeconds:F2} | {sizeMiB / clock.Elapsed.TotalSeconds:F0} | {Mib(memory.PeakManagedGrowth):F1} | " +
                $"{Mib(memory.PeakWorkingSetGrowth):F1} | {Mib(memory.Allocated):F1} | {Mib(memory.RetainedAfterCollection):F1} |"));
        }

        return 0;
    }

    private static async Task<string> ResultUrlAsync(HttpClient http, long bytes, CancellationToken cancellationToken)
    {
        using var submit = await http.PostAsJsonAsync(
            "v1/videos/generations",
            new { model = "sora-2", prompt = $"benchmark {Guid.NewGuid():N} [emu:seconds=0][emu:bytes={bytes}]" },
            cancellationToken);
        submit.EnsureSuccessStatusCode();
        var id = (await submit.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString();
        var task = await http.GetFromJsonAsync<JsonElement>($"v1/tasks/{id}", cancellationToken);
        return task.GetProperty("results")[0].GetString()!;
    }

    /// <summary>Reads the whole body into a reused buffer and discards it.</summary>
    private static async Task<long> DownloadAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static string Size(long mib) => mib >= 1024 && mib % 1024 == 0 ? $"{mib / 1024} GiB" : $"{mib} MiB";

    private static double Mib(long bytes) => bytes / (double)MiB;
}
