using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Emulator;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Batches;

/// <summary>
/// One batch of APIXO jobs (default 200 items of 30 s each) through the whole pipeline — Azurite, the emulator enforcing
/// APIXO's limits (10 tasks at once, 60 requests per sliding minute, 429 beyond), the local host as a child process
/// keeping to them, both at their defaults (APIXO's documented limits), as is everything else — and its makespan
/// against the theoretical minimum: the larger
/// of ceil(items / 10) × generation time and what the request budget allows (each job needs at least a submit and one
/// status check, and a minute holds at most 60 requests). Arguments: <c>--items N</c>, <c>--seconds T</c>,
/// <c>--plot PATH</c> (the PNG of tasks in flight over time; default docs/images/batch-makespan-{N}x{T}s.png).
/// </summary>
public sealed class BatchMakespanBenchmark : IBenchmarkCommand
{
    // APIXO's documented limits: the defaults of the emulator and of the pipeline.
    private const int MaxConcurrentTasks = 10;
    private const int RequestsPerMinute = 60;
    private const int MinRequestsPerJob = 2;

    public string Name => "batch-makespan";

    public string Description => "A 200-item APIXO batch under APIXO's limits vs the theoretical minimum makespan.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--items", "--seconds", "--plot"], []);
        var items = options.Int("--items", 200);
        var seconds = options.Int("--seconds", 30);
        var plotPath = options.String("--plot")
            ?? RepositoryPaths.Combine("docs", "images", $"batch-makespan-{items}x{seconds}s.png");

        await using var azurite = await AzuriteInstance.StartAsync();
        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultResultBytes = 256 * 1024, cancellationToken);
        var hostPort = FreePort.Next();
        var emulatorUrl = emulator.BaseUrl.AbsoluteUri.TrimEnd('/');
        await using var host = await LocalHostProcess.StartAsync(hostPort, new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Pipeline:PublicBaseUrl"] = $"http://127.0.0.1:{hostPort}",
            ["Pipeline:CallbackSecret"] = "batch-makespan-benchmark",
            ["Pipeline:DevelopmentAllowedOrigins:0"] = emulatorUrl,
            ["LocalHost:Emulator:BaseUrl"] = emulatorUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        using var emulatorHttp = new HttpClient { BaseAddress = emulator.BaseUrl };

        var batchId = $"bench-{Guid.NewGuid():N}"[..24];
        var queue = new QueueClient(azurite.ConnectionString, "video-batches",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        await queue.SendMessageAsync(BinaryData.FromString(JsonSerializer.Serialize(new
        {
            batchId,
            defaults = new { provider = "apixo", model = "sora-2-pro", size = "720x1280", durationSeconds = 4 },
            items = Enumerable.Range(0, items).Select(i => new { prompt = $"benchmark item {i} {Guid.NewGuid():N} [emu:seconds={seconds}]" }),
        })), cancellationToken: cancellationToken);

        JsonObject batch;
        var slowestView = TimeSpan.Zero;
        var progressAt = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var viewClock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/batches/{batchId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            batch = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            slowestView = viewClock.Elapsed > slowestView ? viewClock.Elapsed : slowestView;
            if (batch["status"]!.GetValue<string>() == "finished")
            {
                break;
            }

            if (clock.Elapsed - progressAt >= TimeSpan.FromSeconds(30))
            {
                progressAt = clock.Elapsed;
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{clock.Elapsed.TotalSeconds:F0} s: {batch["counts"]!.ToJsonString()}; batch view took {viewClock.Elapsed.TotalSeconds:F1} s"));
            }
        }

        clock.Stop();
        var stats = (await emulatorHttp.GetFromJsonAsync<JsonObject>("/emulator/stats", cancellationToken))!["providers"]!["apixo"]!;
        var timings = await JobTimingsAsync(http, batch, cancellationToken);
        Report(output, items, seconds, batch, stats, timings, clock.Elapsed, slowestView, host.Output, plotPath);
        return batch["counts"]!["succeeded"]!.GetValue<int>() == items ? 0 : 1;
    }

    private static async Task<List<JsonObject>> JobTimingsAsync(HttpClient http, JsonObject batch, CancellationToken cancellationToken)
    {
        var timings = new List<JsonObject>();
        foreach (var item in batch["items"]!.AsArray())
        {
            var job = await http.GetFromJsonAsync<JsonObject>($"/api/videos/{item!["jobId"]!.GetValue<string>()}", cancellationToken);
            timings.Add(job!["timings"]!.AsObject());
        }

        return timings;
    }

    private static void Report(
        TextWriter output, int items, int seconds, JsonObject batch, JsonNode stats, List<JsonObject> timings,
        TimeSpan wallClock, TimeSpan slowestView, string hostOutput, string plotPath)
    {
        var startedAt = Time(batch["startedAt"]);
        var makespan = Time(batch["finishedAt"]) - startedAt;
        var concurrencyBound = TimeSpan.FromSeconds(Math.Ceiling(items / (double)MaxConcurrentTasks) * seconds);
        // Any minute holds at most the limit, so the last of n requests cannot come before floor((n - 1) / limit) minutes.
        var requestBound = TimeSpan.FromMinutes(Math.Floor((items * MinRequestsPerJob - 1) / (double)RequestsPerMinute));
        var minimum = concurrencyBound > requestBound ? concurrencyBound : requestBound;
        var requests = Count(stats, "submissions") + Count(stats, "statusCalls");
        var queued = timings.Select(t => (Time(t["submittedAt"]) - Time(t["startedAt"])).TotalSeconds).Order().ToList();
        var detected = timings.Select(t => (Time(t["generatedAt"]) - Time(t["submittedAt"])).TotalSeconds - seconds).Order().ToList();
        var archived = timings.Select(t => (Time(t["archivedAt"]) - Time(t["generatedAt"])).TotalSeconds).Order().ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch-makespan: {items} APIXO items of {seconds} s; limits {MaxConcurrentTasks} tasks, {RequestsPerMinute} requests/min; " +
            $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {Environment.OSVersion}"));
        output.WriteLine();
        output.WriteLine("| items | generation | bound: ceil(n/10) × T | bound: 2 requests/job, 60 per minute | makespan | makespan / minimum | requests sent | 429s | most tasks at once | succeeded |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {items} | {seconds} s | {concurrencyBound.TotalSeconds:F0} s | {requestBound.TotalSeconds:F0} s | " +
            $"{makespan.TotalSeconds:F0} s | {makespan / minimum:F2}× | {requests} ({requests / (double)items:F2}/job) | " +
            $"{Count(stats, "rateLimited")} | {Count(stats, "maxRunningTasks")} | {batch["counts"]!["succeeded"]} |"));
        output.WriteLine();
        output.WriteLine("| per job (s) | p50 | p95 | max |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine(Row("queued for a slot (start → submitted)", queued));
        output.WriteLine(Row("seen finished after the provider (generated − submitted − T)", detected));
        output.WriteLine(Row("archive (generated → archived)", archived));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wall clock from sending the message to seeing the batch finished: {wallClock.TotalSeconds:F0} s; " +
            $"slowest batch view (GET /api/batches/{{id}}, {items} job reads): {slowestView.TotalSeconds:F1} s."));
        // The console logger writes "warn: Category[EventId]" and the message on the next line.
        var lines = hostOutput.Split('\n');
        var warnings = lines
            .Select((line, index) => (line, index))
            .Where(l => l.line.StartsWith("warn: ", StringComparison.Ordinal))
            .GroupBy(l => l.line["warn: ".Length..].TrimEnd())
            .OrderByDescending(g => g.Count())
            .ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Host warnings logged: {warnings.Sum(g => g.Count())}."));
        foreach (var group in warnings)
        {
            var messageLine = group.First().index + 1;
            var example = messageLine < lines.Length ? lines[messageLine].Trim() : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {group.Count()} × {group.Key}, e.g. \"{example}\""));
        }

        var timeline = new TasksInFlightTimeline(timings
            .Select(t => ((Time(t["submittedAt"]) - startedAt).TotalSeconds, (Time(t["generatedAt"]) - startedAt).TotalSeconds))
            .ToList());
        timeline.SavePng(plotPath, MaxConcurrentTasks, minimum.TotalSeconds, makespan.TotalSeconds, string.Create(
            CultureInfo.InvariantCulture, $"{items} APIXO items of {seconds} s: makespan / minimum {makespan / minimum:F2}"));
        output.WriteLine($"Tasks in flight over time: {plotPath}");
    }

    private static string Row(string name, List<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(values, 0.5):F1} | {Percentile(values, 0.95):F1} | {values[^1]:F1} |");

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    private static DateTimeOffset Time(JsonNode? value) => DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static long Count(JsonNode stats, string name) => stats[name]?.GetValue<long>() ?? 0;
}
