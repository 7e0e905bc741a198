using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>
/// Two local host processes on one task hub, as a scaled-out deployment runs: the engine spreads the work between
/// them by partition, and when one is killed the other finishes its jobs, each exactly once.
/// </summary>
public class ScaleOutTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    private const string FirstWorker = "e2e-host-1";
    private const string SecondWorker = "e2e-host-2";

    [Fact]
    public async Task TwoHostsOnOneTaskHub_ShareTheJobsAndTheSurvivorFinishesTheKilledHostsJobsOnce()
    {
        await using var second = await stack.StartAnotherHostAsync(SecondWorker);
        using var secondApi = new HttpClient { BaseAddress = second.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        await Eventually.TrueAsync(async () => (await PartitionOwnersAsync()).Distinct().Count() == 2,
            "both hosts to own partitions of the task hub", TimeSpan.FromMinutes(3));

        // Started through either host; run by whichever owns the job's partition.
        var shared = new List<(string Id, string Prompt)>();
        for (var i = 0; i < 16; i++)
        {
            var prompt = Requests.UniquePrompt("[emu:seconds=1]");
            shared.Add((await stack.StartJobAsync(Requests.For("foxapi", prompt, "poll"), client: i % 2 == 0 ? null : secondApi), prompt));
        }

        foreach (var (id, _) in shared)
        {
            var job = await stack.WaitForEndAsync(id);
            Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
        }

        Assert.Contains(shared, job => stack.Host.Output.Contains($"Job {job.Id} started", StringComparison.Ordinal));
        Assert.Contains(shared, job => second.Output.Contains($"Job {job.Id} started", StringComparison.Ordinal));

        // Jobs in flight on both hosts when the second one dies without a word.
        var inFlight = new List<(string Id, string Prompt)>();
        for (var i = 0; i < 8; i++)
        {
            var prompt = Requests.UniquePrompt("[emu:seconds=10]");
            inFlight.Add((await stack.StartJobAsync(Requests.For("apixo", prompt, "poll"), client: secondApi), prompt));
        }

        foreach (var (id, _) in inFlight)
        {
            await stack.WaitForStatusAsync(id, "generating", TimeSpan.FromMinutes(2));
        }

        second.Kill();

        foreach (var (id, prompt) in inFlight)
        {
            var job = await stack.WaitForEndAsync(id, TimeSpan.FromMinutes(5));
            Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
            Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
            var blobs = new List<string>();
            await foreach (var blob in stack.Blobs.GetBlobContainerClient("videos").GetBlobsAsync(BlobTraits.None, BlobStates.None, id, CancellationToken.None))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal([$"{id}.mp4"], blobs);
        }

        await Eventually.TrueAsync(async () => (await PartitionOwnersAsync()).All(owner => owner == FirstWorker),
            "the surviving host to own every partition");
    }

    /// <summary>The owner of each partition of the task hub, from the engine's partition table.</summary>
    private async Task<List<string>> PartitionOwnersAsync()
    {
        var owners = new List<string>();
        await foreach (var partition in new TableClient(stack.Azurite.ConnectionString, "VideoPipelinePartitions").QueryAsync<TableEntity>())
        {
            owners.Add(partition.GetString("CurrentOwner") ?? "");
        }

        return owners;
    }
}
