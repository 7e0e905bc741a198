using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static VideoPipeline.EndToEnd.Tests.Batches.ApixoLimitsStack;

namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>Batches through the queue and the API, against an emulator enforcing APIXO's limits.</summary>
public class BatchQueueTests(ApixoLimitsStack stack, ITestOutputHelper output) : IClassFixture<ApixoLimitsStack>
{
    [Fact]
    public async Task QueueBatch_ApixoLimitsOn_ArchivesEveryValidItemOnceWithoutEverExceedingTheLimits()
    {
        // Twenty seconds per video: long enough that, without admission, more than ten tasks would be generating.
        var prompts = Enumerable.Range(0, 28).Select(_ => Requests.UniquePrompt("[emu:seconds=20]")).ToList();
        var items = prompts.Select(p => (object)Item(p)).ToList();
        items.Insert(5, new Dictionary<string, object?> { ["prompt"] = "too long a clip", ["durationSeconds"] = 7 });
        items.Add(new Dictionary<string, object?> { ["prompt"] = "" });
        var batchId = $"e2e-{Guid.NewGuid():N}"[..24];

        await stack.SendBatchAsync(new { batchId, defaults = ApixoDefaults, items });
        var batch = await stack.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(8));

        var counts = batch["counts"]!;
        Assert.Equal(30, batch["total"]!.GetValue<int>());
        Assert.Equal(28, counts["succeeded"]!.GetValue<int>());
        Assert.Equal(2, counts["invalid"]!.GetValue<int>());
        Assert.Contains("durationSeconds", batch["items"]![5]!["errors"]!.AsObject().Select(e => e.Key));

        var jobs = batch["items"]!.AsArray().Where(i => i!["status"]!.GetValue<string>() != "invalid").ToList();
        foreach (var item in jobs)
        {
            var job = await stack.GetJobAsync(item!["jobId"]!.GetValue<string>());
            var output = job["output"]!;
            var blob = stack.Blobs.GetBlobContainerClient(output["container"]!.GetValue<string>())
                .GetBlobClient(output["blobName"]!.GetValue<string>());
            Assert.Equal(job["id"]!.GetValue<string>(), (await blob.GetPropertiesAsync()).Value.Metadata["jobid"]);
            Assert.Equal(batchId, job["batchId"]!.GetValue<string>());
        }

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

        var listed = await stack.Http.GetFromJsonAsync<JsonObject>($"/api/videos?batchId={batchId}&limit=200");
        Assert.Equal(28, listed!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task QueueBatch_SameMessageDeliveredTwiceAndPosted_StartsEveryJobOnce()
    {
        var prompts = Enumerable.Range(0, 3).Select(_ => Requests.UniquePrompt("[emu:seconds=1]")).ToList();
        var body = JsonSerializer.Serialize(new { defaults = ApixoDefaults, items = prompts.Select(Item) });
        var batchId = "batch-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..24];

        var queue = stack.BatchQueue();
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromString(body));
        await queue.SendMessageAsync(BinaryData.FromString(body));
        using var posted = await stack.Http.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"));
        var batch = await stack.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(3));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(batchId, (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Equal(3, batch["counts"]!["succeeded"]!.GetValue<int>());
        foreach (var prompt in prompts)
        {
            Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
        }

        await Eventually(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "both deliveries deleted");
    }

    [Fact]
    public async Task QueueMessage_NotABatch_MovedToThePoisonQueueWithTheReasonAfterFiveDeliveries()
    {
        var body = $$"""{"itmes":[],"marker":"{{Guid.NewGuid():N}}"}""";
        var queue = stack.BatchQueue();
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromString(body));
        var poisonQueue = stack.BatchQueue($"{QueueName}-poison");

        JsonObject? poisoned = null;
        await Eventually(async () =>
        {
            if (!await poisonQueue.ExistsAsync())
            {
                return false;
            }

            foreach (var message in (await poisonQueue.PeekMessagesAsync(32)).Value)
            {
                var candidate = JsonNode.Parse(message.Body.ToString())!.AsObject();
                if (candidate["body"]?.GetValue<string>() == body)
                {
                    poisoned = candidate;
                }
            }

            return poisoned is not null;
        }, "the poison message");

        Assert.Equal(5, poisoned!["dequeueCount"]!.GetValue<long>());
        Assert.Contains("itmes: Unknown field", poisoned["reason"]!.GetValue<string>());
        Assert.Equal(QueueName, poisoned["queue"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostBatch_NotABatch_Returns400ProblemAndStartsNothing()
    {
        using var response = await stack.Http.PostAsync("/api/batches",
            new StringContent("""{"items":"all of them"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("items", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task GetBatches_ListsTakenInBatchesNewestFirst()
    {
        var body = JsonSerializer.Serialize(new
        {
            batchId = $"listed-{Guid.NewGuid():N}"[..20], defaults = ApixoDefaults, items = new[] { Item("[emu:seconds=1] listed") },
        });
        using var posted = await stack.Http.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"));
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var list = await stack.Http.GetFromJsonAsync<JsonObject>("/api/batches?limit=1");

        Assert.Equal(id, list!["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal($"/api/batches/{id}", list["items"]![0]!["statusUri"]!.GetValue<string>());
        using var bad = await stack.Http.GetAsync("/api/batches?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }
}
