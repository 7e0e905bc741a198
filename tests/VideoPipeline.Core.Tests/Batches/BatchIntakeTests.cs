using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Testing;
using static VideoPipeline.Core.Tests.Batches.BatchRequests;

namespace VideoPipeline.Core.Tests.Batches;

public class BatchIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AcceptAsync_InlineItems_StartsOneJobPerItemWithDefaultsMergedUnder()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Body(new
        {
            batchId = "spring-campaign",
            defaults = new { provider = "apixo", model = "sora-2-pro", size = "720x1280", durationSeconds = 4, metadata = new { campaign = "spring" } },
            items = new object[]
            {
                new { prompt = "first", metadata = new { shot = "1" } },
                new { prompt = "second", durationSeconds = 8, size = (string?)null, resolution = "720p", imageUrl = "https://cdn.example.com/a.png" },
            },
        });

        var result = await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None);

        var batch = result.Batch!;
        Assert.Equal("spring-campaign", batch.Id);
        Assert.Equal(["spring-campaign-0000", "spring-campaign-0001"], batch.Items.Select(i => i.JobId));
        var first = await host.InputAsync("spring-campaign-0000");
        Assert.Equal("spring-campaign", first.BatchId);
        Assert.Equal("first", first.Request.Prompt);
        Assert.Equal(ProviderName.Apixo, first.Request.Provider);
        Assert.Equal("720x1280", first.Request.Size);
        Assert.Equal(new Dictionary<string, string> { ["campaign"] = "spring", ["shot"] = "1" }, first.Request.Metadata);
        var second = await host.InputAsync("spring-campaign-0001");
        Assert.Equal(8, second.Request.DurationSeconds);
        Assert.Null(second.Request.Size);
        Assert.Equal(2, host.Engine.Creations);
    }

    [Fact]
    public async Task AcceptAsync_InvalidItems_AreRecordedWithTheirErrorsAndValidOnesStart()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Inline(null, Item(NewPrompt()), new { prompt = "bad", durationSeconds = 7, size = "1x1" }, "not an object");

        var batch = (await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None)).Batch!;

        Assert.NotNull(batch.Items[0].JobId);
        Assert.Null(batch.Items[1].JobId);
        Assert.Equal(["durationSeconds", "size"], batch.Items[1].Errors!.Keys.Order());
        Assert.Null(batch.Items[2].JobId);
        Assert.Contains("JSON object", batch.Items[2].Errors!["$"][0]);
        Assert.Equal(1, host.Engine.Creations);
    }

    [Fact]
    public async Task AcceptAsync_SameMessageTwice_StartsEveryJobOnce()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Inline(null, Item(NewPrompt()), Item(NewPrompt()), Item(NewPrompt()));

        var first = await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None);
        var again = await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None);

        Assert.Equal(first.Batch!.Id, again.Batch!.Id);
        Assert.StartsWith("batch-", first.Batch.Id);
        Assert.Equal(3, host.Engine.Creations);
        Assert.Equal(first.Batch.CreatedAt, again.Batch.CreatedAt);
    }

    [Fact]
    public async Task AcceptAsync_NoBatchId_IdFollowsTheContent()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var one = await host.Intake.AcceptAsync(Inline(null, Item("a")), BatchSource.Queue, CancellationToken.None);
        var other = await host.Intake.AcceptAsync(Inline(null, Item("b")), BatchSource.Http, CancellationToken.None);

        Assert.NotEqual(one.Batch!.Id, other.Batch!.Id);
        Assert.Equal(2, host.Engine.Creations);
    }

    [Fact]
    public async Task AcceptAsync_CrashWhileStartingJobs_RedeliveryStartsTheRestOnce()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Inline("crash-batch", Enumerable.Range(0, 12).Select(_ => Item(NewPrompt())).ToArray());
        host.Engine.FailAfterCreations = 5;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None));
        host.Engine.FailAfterCreations = null;
        var redelivered = await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None);

        Assert.Equal(12, redelivered.Batch!.Items.Count(i => i.JobId is not null));
        Assert.Equal(12, host.Engine.Creations);
        Assert.Equal(12, await host.CountInstancesAsync());
    }

    [Fact]
    public async Task AcceptAsync_ItemIdempotencyKey_IsTheJobOfThatKeyAndMustBeUnique()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Inline(null,
            new { prompt = NewPrompt(), idempotencyKey = "order-17" },
            new { prompt = NewPrompt(), idempotencyKey = "order-17" },
            new { prompt = NewPrompt(), idempotencyKey = 5 });

        var batch = (await host.Intake.AcceptAsync(body, BatchSource.Queue, CancellationToken.None)).Batch!;

        Assert.Equal(VideoJobsApi.JobIdFor("order-17"), batch.Items[0].JobId);
        Assert.Contains("Item 0", batch.Items[1].Errors!["idempotencyKey"][0]);
        Assert.Contains("printable", batch.Items[2].Errors!["idempotencyKey"][0]);
        Assert.Equal(1, host.Engine.Creations);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{"items":{}}""", "items")]
    [InlineData("""{"defaults":{"provider":"apixo"}}""", "items")]
    [InlineData("""{"items":[{}],"itemsBlob":"c/x.jsonl"}""", "itemsBlob")]
    [InlineData("""{"itemsBlob":"no-slash"}""", "itemsBlob")]
    [InlineData("""{"batchId":"has space","items":[{}]}""", "batchId")]
    [InlineData("""{"items":[{}],"colour":"red"}""", "colour")]
    [InlineData("""{"items":[{}],"defaults":{"idempotencyKey":"k"}}""", "defaults.idempotencyKey")]
    public async Task AcceptAsync_NotABatch_RejectedWithTheFieldAndNothingStarted(string body, string field)
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var result = await host.Intake.AcceptAsync(Encoding.UTF8.GetBytes(body), BatchSource.Http, CancellationToken.None);

        Assert.Null(result.Batch);
        Assert.Contains(field, result.Rejection!.Errors.Keys);
        Assert.Equal(0, host.Engine.Creations);
    }

    [Fact]
    public async Task AcceptAsync_TooManyItems_Rejected()
    {
        await using var host = await BatchTestHost.StartAsync(azurite, maxItems: 2);

        var result = await host.Intake.AcceptAsync(Inline(null, Item("a"), Item("b"), Item("c")), BatchSource.Http, CancellationToken.None);

        Assert.Contains("items", result.Rejection!.Errors.Keys);
    }

    [Fact]
    public async Task AcceptAsync_BatchIdReusedForOtherItems_IsAConflict()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        await host.Intake.AcceptAsync(Inline("reused", Item("a")), BatchSource.Http, CancellationToken.None);

        var result = await host.Intake.AcceptAsync(Inline("reused", Item("b")), BatchSource.Http, CancellationToken.None);

        Assert.True(result.Rejection!.IsConflict);
        Assert.Equal(1, host.Engine.Creations);
    }

    [Fact]
    public async Task AcceptAsync_ItemsBlob_ReadsJsonLinesSkippingBlankLines()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var container = host.Blobs.GetBlobContainerClient("batch-input");
        await container.CreateIfNotExistsAsync();
        var lines = string.Join('\n',
            JsonSerializer.Serialize(Item(NewPrompt())),
            "",
            "{not json",
            JsonSerializer.Serialize(new { prompt = NewPrompt(), durationSeconds = 12 }));
        var name = $"{Guid.NewGuid():N}.jsonl";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(lines));

        var result = await host.Intake.AcceptAsync(
            Body(new { defaults = Defaults, itemsBlob = $"batch-input/{name}" }), BatchSource.Queue, CancellationToken.None);

        var batch = result.Batch!;
        Assert.Equal($"batch-input/{name}", batch.ItemsBlob);
        Assert.Equal(3, batch.Items.Count);
        Assert.Contains("Line 3 is not valid JSON", batch.Items[1].Errors!["$"][0]);
        Assert.Equal(12, (await host.InputAsync(batch.Items[2].JobId!)).Request.DurationSeconds);
    }

    [Theory]
    [InlineData("batch-input/missing.jsonl", "does not exist")]
    [InlineData("STATE/x.jsonl", "container/blob-name")]
    public async Task AcceptAsync_ItemsBlobUnusable_Rejected(string reference, string expected)
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var result = await host.Intake.AcceptAsync(Body(new { itemsBlob = reference }), BatchSource.Queue, CancellationToken.None);

        Assert.Contains(expected, result.Rejection!.Describe());
    }

    [Fact]
    public async Task AcceptAsync_ItemsBlobInTheStateContainer_Rejected()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var result = await host.Intake.AcceptAsync(
            Body(new { itemsBlob = $"{host.StateContainer}/batches/x.json" }), BatchSource.Queue, CancellationToken.None);

        Assert.Contains("pipeline's own", result.Rejection!.Describe());
    }

    [Fact]
    public async Task HandleAsync_NotABatch_RetriedUntilTheDequeueLimitThenPoisonedWithTheReason()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = BinaryData.FromString("""{"itmes":[]}""");

        var outcomes = new List<BatchMessageDisposition>();
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            outcomes.Add((await host.Intake.HandleAsync(new BatchQueueMessage(body, "m-1", delivery), CancellationToken.None)).Disposition);
        }

        Assert.Equal(
            [BatchMessageDisposition.Retry, BatchMessageDisposition.Retry, BatchMessageDisposition.Retry,
             BatchMessageDisposition.Retry, BatchMessageDisposition.Poisoned],
            outcomes);
        var poisoned = (await host.PoisonQueue.ReceiveMessagesAsync(32)).Value;
        var message = Assert.Single(poisoned);
        var poison = message.Body.ToObjectFromJson<PoisonMessage>(PipelineJson.Options)!;
        Assert.Equal("m-1", poison.MessageId);
        Assert.Equal(5, poison.DequeueCount);
        Assert.Contains("itmes: Unknown field", poison.Reason);
        Assert.Equal(body.ToString(), poison.Body);
    }

    [Fact]
    public async Task HandleAsync_ValidBatch_Accepted()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var outcome = await host.Intake.HandleAsync(
            new BatchQueueMessage(new BinaryData(Inline("queued-batch", Item(NewPrompt()))), "m-2", 1), CancellationToken.None);

        Assert.Equal(BatchMessageDisposition.Accepted, outcome.Disposition);
        Assert.Equal("queued-batch", outcome.BatchId);
    }

    [Fact]
    public async Task PoisonAsync_BodyTooLargeForAMessage_KeepsItInABlob()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = BinaryData.FromString(new string('x', 60_000));

        await host.Intake.PoisonAsync(new BatchQueueMessage(body, "m-big", 1), "too big to read", CancellationToken.None);

        var message = Assert.Single((await host.PoisonQueue.ReceiveMessagesAsync(32)).Value);
        var poison = message.Body.ToObjectFromJson<PoisonMessage>(PipelineJson.Options)!;
        Assert.Null(poison.Body);
        var (container, name) = (poison.BodyBlob![..poison.BodyBlob!.IndexOf('/')], poison.BodyBlob[(poison.BodyBlob.IndexOf('/') + 1)..]);
        var stored = await host.Blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync();
        Assert.Equal(body.ToString(), stored.Value.Content.ToString());
    }

    [Fact]
    public async Task AcceptAsync_JsonNullInItem_RemovesTheDefault()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        var body = Body(new
        {
            defaults = new JsonObject { ["provider"] = "apixo", ["model"] = "sora-2-pro", ["size"] = "720x1280", ["notifyUrl"] = "https://app.example.com/hook" },
            items = new[] { new JsonObject { ["prompt"] = NewPrompt(), ["notifyUrl"] = null } },
        });

        var batch = (await host.Intake.AcceptAsync(body, BatchSource.Http, CancellationToken.None)).Batch!;

        Assert.Null((await host.InputAsync(batch.Items[0].JobId!)).Request.NotifyUrl);
    }
}
