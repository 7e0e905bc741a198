using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static VideoPipeline.EndToEnd.Tests.Batches.ApixoLimitsStack;

namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>A job that stops holding its slot without giving it back: the slot reaches the next waiting job by lapsing.</summary>
public class SlotLapseTests(ShortSlotLeaseStack stack, ITestOutputHelper output) : IClassFixture<ShortSlotLeaseStack>
{
    [Fact]
    public async Task QueueBatch_HolderCancelledWhileApixoMayStillGenerate_WaitingJobTakesTheSlotOnceItsHoldLapses()
    {
        // Nine long videos keep nine slots; the short one is cancelled, and APIXO cannot cancel, so its job lets its
        // slot lapse instead of handing it over. Its video is done long before the hold lapses, so an eleventh task
        // never runs.
        var longPrompts = Enumerable.Range(0, MaxConcurrentTasks - 1).Select(_ => Requests.UniquePrompt("[emu:seconds=90]")).ToList();
        var shortPrompt = Requests.UniquePrompt("[emu:seconds=10]");
        var holders = $"holders-{Guid.NewGuid():N}"[..24];
        await stack.SendBatchAsync(new { batchId = holders, defaults = ApixoDefaults, items = longPrompts.Append(shortPrompt).Select(Item) });

        await stack.WaitUntilEverySlotGeneratesAsync(holders);

        var waiter = $"waiter-{Guid.NewGuid():N}"[..24];
        await stack.SendBatchAsync(new { batchId = waiter, defaults = ApixoDefaults, items = new[] { Item(Requests.UniquePrompt("[emu:seconds=5]")) } });
        var cancelled = (await stack.GetBatchAsync(holders))!["items"]![MaxConcurrentTasks - 1]!["jobId"]!.GetValue<string>();
        using (var cancel = await stack.Http.PostAsync($"/api/videos/{cancelled}/cancel", null))
        {
            cancel.EnsureSuccessStatusCode();
        }

        var waited = await stack.WaitForBatchAsync(waiter, TimeSpan.FromMinutes(3));
        var held = await stack.WaitForBatchAsync(holders, TimeSpan.FromMinutes(6));

        Assert.Equal(1, waited["counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(MaxConcurrentTasks - 1, held["counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(1, held["counts"]!["cancelled"]!.GetValue<int>());
        var waiterJob = await stack.GetJobAsync(waited["items"]![0]!["jobId"]!.GetValue<string>());
        var firstLongFinished = new List<DateTimeOffset>();
        foreach (var item in held["items"]!.AsArray().Where(i => i!["jobId"]!.GetValue<string>() != cancelled))
        {
            var job = await stack.GetJobAsync(item!["jobId"]!.GetValue<string>());
            firstLongFinished.Add(Time(job["timings"]!["generatedAt"]));
        }

        // It was admitted while the nine long videos still held their slots: by the lapsed hold, not by a release.
        Assert.True(Time(waiterJob["timings"]!["submittedAt"]) < firstLongFinished.Min(), waiterJob.ToJsonString());
        var apixo = await stack.ApixoStatsAsync();
        output.WriteLine($"APIXO at the emulator: {apixo.ToJsonString()}");
        Assert.Equal(0, PipelineStack.Count(apixo, "rateLimited"));
        Assert.InRange(PipelineStack.Count(apixo, "maxRunningTasks"), 1, MaxConcurrentTasks);
        Assert.Empty(await stack.TakenSlotsAsync());
    }

    private static DateTimeOffset Time(JsonNode? value) =>
        DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture);
}
