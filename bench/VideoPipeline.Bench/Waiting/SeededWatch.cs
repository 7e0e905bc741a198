using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using VideoPipeline.Bench.Runtime;
using VideoPipeline.Core;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Bench.Waiting;

/// <summary>
/// <c>waiting-cost --seed</c>: N tasks created at the emulator's FoxAPI and registered with the task watch as a job's
/// <c>WatchProviderTask</c> activity registers them, without orchestrations behind them. Starting 10 000 jobs through the
/// API takes Azurite longer than a run can wait (each start's queue requests cost more with every stored message), and
/// what polls a waiting job is the watch, whose punctuality does not depend on the orchestrations: the host runs its
/// watch over these registrations exactly as over real ones. The first checks are spread evenly over one interval,
/// starting after the host's watch has had time to read the registrations, as jobs started over time would be.
/// </summary>
internal static class SeededWatch
{
    /// <summary>Two re-reads of the registrations (every 30 s by default) and their reading: before it, no first check falls due.</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(90);

    /// <returns>The tasks' ids and when the last task's first check falls due.</returns>
    public static async Task<(HashSet<string> TaskIds, DateTime FirstChecksDone)> RegisterAsync(
        BenchmarkStack stack, int count, string mode, TimeSpan interval, TimeSpan generation, int concurrency, CancellationToken cancellationToken)
    {
        using var provider = new HttpClient { BaseAddress = stack.Emulator.BaseUrl };
        provider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Emulator.Options.FoxApi.ApiKey);
        var registry = new TaskWatchRegistry(new PipelineStateContainer(
            new BlobServiceClient(stack.Azurite.ConnectionString), Options.Create(new PipelineOptions())));
        var plan = Plan(mode, interval, generation);

        var start = DateTime.UtcNow;
        var taskIds = new string[count];
        var firstChecks = new List<DateTime>(count);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var prompt = string.Create(CultureInfo.InvariantCulture, $"seeded watch {i} {Guid.NewGuid():N} [emu:seconds={generation.TotalSeconds:F0}]");
            using var response = await provider.PostAsJsonAsync("v1/videos/generations", new { model = "sora-2", prompt }, ct);
            response.EnsureSuccessStatusCode();
            var taskId = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
            taskIds[i] = taskId;

            // Evenly spread, but never due before the watch can have read the registration.
            var firstCheck = Max(start + Lead + interval * i / count, DateTime.UtcNow + Lead);
            lock (firstChecks)
            {
                firstChecks.Add(firstCheck);
            }

            var jobId = string.Create(CultureInfo.InvariantCulture, $"seeded-{i}");
            await registry.SaveAsync(
                new WatchedTask(
                    jobId,
                    new ProviderTaskRef(ProviderName.FoxApi, "sora-2", taskId),
                    plan with { BlobName = $"{jobId}.mp4" },
                    start,
                    new ProviderTask(taskId, ProviderTaskStatus.Pending, "pending", 0),
                    firstCheck - interval),
                ct);
        });

        return (taskIds.ToHashSet(StringComparer.Ordinal), firstChecks.Max());
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>A job's plan with the status check every <paramref name="interval"/>, as the host plans one with the benchmark's settings.</summary>
    private static JobPlan Plan(string mode, TimeSpan interval, TimeSpan generation) => new()
    {
        WaitMode = mode == "callback" ? WaitMode.Callback : WaitMode.Poll,
        Deadline = generation + TimeSpan.FromHours(1),
        MinPollInterval = interval,
        MaxPollInterval = interval,
        CallbackSafetyNetInterval = interval,
        TaskWatchSafetyNetInterval = TimeSpan.FromMinutes(30),
        TypicalGenerationTime = generation,
        Container = "videos",
        BlobName = "seeded.mp4",
    };
}
