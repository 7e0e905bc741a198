using Xunit.Abstractions;
using static VideoPipeline.EndToEnd.Tests.Batches.ApixoLimitsStack;

namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>A host killed in the middle of a batch, with every slot taken: nothing is lost, doubled or left held.</summary>
public class BatchCrashTests(ApixoLimitsStack stack, ITestOutputHelper output) : IClassFixture<ApixoLimitsStack>
{
    [Fact]
    public async Task QueueBatch_HostKilledWhileEverySlotIsTaken_EveryItemFinishesOnceAndNoSlotStaysTaken()
    {
        // Thirty seconds per video: once ten are generating, no submission is in flight for a good while, so the kill
        // lands between requests (a kill during a submit would, rightly, end that job as submission_outcome_unknown).
        var prompts = Enumerable.Range(0, 20).Select(_ => Requests.UniquePrompt("[emu:seconds=30]")).ToList();
        var batchId = $"crash-{Guid.NewGuid():N}"[..24];
        await stack.SendBatchAsync(new { batchId, defaults = ApixoDefaults, items = prompts.Select(Item) });

        await stack.WaitUntilEverySlotGeneratesAsync(batchId);

        await stack.KillAndRestartHostAsync();
        var batch = await stack.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(8));

        Assert.Equal(20, batch["counts"]!["succeeded"]!.GetValue<int>());
        foreach (var prompt in prompts)
        {
            var stats = await stack.PromptStatsAsync(prompt);
            Assert.Equal(1, PipelineStack.Count(stats, "submissions"));
            Assert.Equal(1, PipelineStack.Count(stats, "contentDownloads"));
        }

        var apixo = await stack.ApixoStatsAsync();
        output.WriteLine($"APIXO at the emulator: {apixo.ToJsonString()}; batch from {batch["startedAt"]} to {batch["finishedAt"]}");
        Assert.Equal(0, PipelineStack.Count(apixo, "rateLimited"));
        Assert.InRange(PipelineStack.Count(apixo, "maxRunningTasks"), 1, MaxConcurrentTasks);
        Assert.Empty(await stack.TakenSlotsAsync());
    }
}
