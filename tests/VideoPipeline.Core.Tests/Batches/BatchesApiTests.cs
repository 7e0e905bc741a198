using System.Text;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing;
using static VideoPipeline.Core.Tests.Batches.BatchRequests;

namespace VideoPipeline.Core.Tests.Batches;

public class BatchesApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static MemoryStream Stream(byte[] body) => new(body);

    [Fact]
    public async Task StartBatchAsync_Batch_Returns202WithEveryItemAndLocation()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var response = await host.Api.StartBatchAsync(
            Stream(Inline("http-batch", Item(NewPrompt()), new { prompt = "" })), CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("/api/batches/http-batch", response.Headers!["Location"]);
        var accepted = Assert.IsType<BatchAccepted>(response.Body);
        Assert.Equal((2, 1, 1), (accepted.Items, accepted.Accepted, accepted.Invalid));
        Assert.Equal(new BatchJobAccepted(0, "http-batch-0000", "queued", "/api/videos/http-batch-0000"), accepted.Jobs[0]);
        Assert.Equal("invalid", accepted.Jobs[1].Status);
        Assert.Contains("prompt", accepted.Jobs[1].Errors!.Keys);
    }

    [Fact]
    public async Task StartBatchAsync_NotABatch_Returns400ProblemWithErrors()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var response = await host.Api.StartBatchAsync(Stream(Encoding.UTF8.GetBytes("""{"jobs":[]}""")), CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ApiResponse.ProblemContentType, response.ContentType);
        var problem = Assert.IsType<ApiProblem>(response.Body);
        Assert.Equal(["items", "jobs"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task StartBatchAsync_BatchIdTakenByOtherItems_Returns409()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        await host.Api.StartBatchAsync(Stream(Inline("taken", Item("a"))), CancellationToken.None);

        var response = await host.Api.StartBatchAsync(Stream(Inline("taken", Item("b"))), CancellationToken.None);

        Assert.Equal(409, response.StatusCode);
    }

    [Fact]
    public async Task StartBatchAsync_BodyOverTheLimit_Returns413()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var response = await host.Api.StartBatchAsync(Stream(new byte[BatchesApi.MaxRequestBytes + 1]), CancellationToken.None);

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task GetBatchAsync_SomeJobsEnded_CountsPerStatusAndFinishesWithTheLastJob()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        await host.Api.StartBatchAsync(Stream(Inline("view", Item(NewPrompt()), Item(NewPrompt()), Item(""))), CancellationToken.None);
        await host.FinishAsync("view-0000", Result(JobStatus.Succeeded));

        var running = Assert.IsType<BatchView>((await host.Api.GetBatchAsync("view", CancellationToken.None)).Body);
        var last = await host.FinishAsync("view-0001", Result(JobStatus.Failed) with { Error = new JobError("content_violation", "no") });
        var finished = Assert.IsType<BatchView>((await host.Api.GetBatchAsync("view", CancellationToken.None)).Body);

        Assert.Equal("running", running.Status);
        Assert.Null(running.FinishedAt);
        Assert.Equal((1, 1, 1), (running.Counts["succeeded"], running.Counts["queued"], running.Counts["invalid"]));
        Assert.Equal("finished", finished.Status);
        Assert.Equal(last.LastUpdatedAt, finished.FinishedAt);
        Assert.Equal(3, finished.Total);
        Assert.Equal((1, 1, 0), (finished.Counts["failed"], finished.Counts["succeeded"], finished.Counts["queued"]));
        Assert.Equal("content_violation", finished.Items[1].Error!.Code);
        Assert.Contains("prompt", finished.Items[2].Errors!.Keys);
        Assert.Equal(BatchSource.Http, finished.Source);
    }

    [Theory]
    [InlineData("unknown-batch")]
    [InlineData("not a valid id")]
    public async Task GetBatchAsync_Unknown_Returns404(string id)
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        Assert.Equal(404, (await host.Api.GetBatchAsync(id, CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task ListBatchesAsync_NewestFirstUpToTheLimit()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);
        foreach (var id in new[] { "first", "second", "third" })
        {
            await host.Api.StartBatchAsync(Stream(Inline(id, Item(NewPrompt()), Item(""))), CancellationToken.None);
        }

        var list = Assert.IsType<BatchList>((await host.Api.ListBatchesAsync("2", CancellationToken.None)).Body);
        var bad = await host.Api.ListBatchesAsync("0", CancellationToken.None);

        Assert.Equal(["third", "second"], list.Items.Select(b => b.Id));
        Assert.Equal((2, 1), (list.Items[0].Items, list.Items[0].Invalid));
        Assert.Equal("/api/batches/third", list.Items[0].StatusUri);
        Assert.Equal(400, bad.StatusCode);
    }

    [Fact]
    public async Task ListBatchesAsync_NothingYet_ReturnsEmptyList()
    {
        await using var host = await BatchTestHost.StartAsync(azurite);

        var list = Assert.IsType<BatchList>((await host.Api.ListBatchesAsync(null, CancellationToken.None)).Body);

        Assert.Empty(list.Items);
    }

    private static VideoJobResult Result(JobStatus status) =>
        new() { Status = status, Timings = new JobTimings(DateTime.UtcNow) };
}
