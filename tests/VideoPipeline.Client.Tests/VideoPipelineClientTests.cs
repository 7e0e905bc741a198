using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using VideoPipeline.Client.Models;
using VideoPipeline.Client.Tests.Infrastructure;
using VideoPipeline.Testing;

namespace VideoPipeline.Client.Tests;

[Collection(StackCollection.Name)]
public sealed class VideoPipelineClientTests(ClientStack stack)
{
    [Fact]
    public async Task StartJobAsync_ValidRequest_CompletesWithTheArchivedJob()
    {
        var client = stack.CreateClient();

        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:bytes=300000]"));
        var job = (await operation.WaitForCompletionAsync()).Value;

        Assert.Equal(operation.Id, job.Id);
        Assert.Equal(VideoJobStatus.Succeeded, job.Status);
        Assert.Equal(100, job.Progress);
        Assert.Matches("^[0-9a-f]{64}$", job.Output!.Sha256);
        Assert.Equal(300000, job.Output.Bytes);
        Assert.NotNull(job.Timings!.ArchivedAt);
        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
    }

    [Fact]
    public async Task StartJobAsync_AnswerLostAfterTheServiceStartedTheJob_RetryReturnsTheSameJob()
    {
        var recorder = new RecordingPolicy { DropFirstAnswerTo = (RequestMethod.Post, "/api/videos") };
        var options = new VideoPipelineClientOptions { Retry = { Delay = TimeSpan.FromMilliseconds(100) } };
        options.AddPolicy(recorder, HttpPipelinePosition.BeforeTransport);
        var request = Jobs.Foxapi();

        var operation = await stack.CreateClient(options).StartJobAsync(request);
        await operation.WaitForCompletionAsync();

        var posts = recorder.Requests.Where(r => r.Method == RequestMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("vpclient-", posts[0].Headers["Idempotency-Key"]);
        Assert.Equal(posts[0].Headers["Idempotency-Key"], posts[1].Headers["Idempotency-Key"]);
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(request.Prompt), "submissions"));
    }

    [Fact]
    public async Task StartJobAsync_SameIdempotencyKey_AnswersTheSameJob()
    {
        var client = stack.CreateClient();
        var request = Jobs.Foxapi();
        var key = $"order-{Guid.NewGuid():N}";

        var first = await client.StartJobAsync(request, key);
        var second = await client.StartJobAsync(request, key);

        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task StartJobAsync_InvalidRequest_ThrowsWithEveryFieldError()
    {
        var request = new VideoJobRequest("openai", "sora-2", "") { DurationSeconds = 5 };

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => stack.CreateClient().StartJobAsync(request));

        Assert.Equal(400, exception.Status);
        Assert.Equal("Must not be empty.", exception.Data["prompt"]);
        Assert.Contains("4, 8, 12", (string)exception.Data["durationSeconds"]!);
        Assert.Contains("The job request is invalid.", exception.Message);
        Assert.Contains("durationSeconds", exception.Message);
    }

    [Fact]
    public async Task StartJobAsync_WithoutKey_ThrowsUnauthorized()
    {
        var client = new VideoPipelineClient(stack.Host.BaseUrl);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartJobAsync(Jobs.Foxapi()));

        Assert.Equal(401, exception.Status);
        Assert.Contains("function key", exception.Message);
    }

    [Fact]
    public async Task Constructor_TokenCredential_SendsBearerTokenForTheAudience()
    {
        // Azure.Core sends bearer tokens over https only, and Easy Auth is App Service's: the request is recorded as
        // it leaves for an https endpoint where nothing listens.
        var credential = new StaticTokenCredential("token-for-the-test");
        var recorder = new RecordingPolicy();
        var options = new VideoPipelineClientOptions { Audience = "api://videopipeline-test/", Retry = { MaxRetries = 0 } };
        options.AddPolicy(recorder, HttpPipelinePosition.BeforeTransport);
        var client = new VideoPipelineClient(new Uri($"https://127.0.0.1:{FreePort.Next()}"), credential, options);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetModelsAsync());

        Assert.Equal(0, exception.Status);
        Assert.Equal("Bearer token-for-the-test", Assert.Single(recorder.Requests).Headers["Authorization"]);
        Assert.Equal(["api://videopipeline-test/.default"], credential.RequestedScopes.Distinct());
    }

    [Fact]
    public async Task Constructor_TokenCredentialWithHttpEndpoint_RefusesToSendTheToken()
    {
        var options = new VideoPipelineClientOptions { Audience = "api://videopipeline-test" };
        var client = new VideoPipelineClient(stack.Host.BaseUrl, new StaticTokenCredential("t"), options);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetModelsAsync());
    }

    [Fact]
    public void Constructor_TokenCredentialWithoutAudience_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            new VideoPipelineClient(stack.Host.BaseUrl, new StaticTokenCredential("t"), new VideoPipelineClientOptions()));

        Assert.Contains("Audience", exception.Message);
    }

    [Fact]
    public async Task GetJobAsync_UnknownJob_ThrowsNotFound()
    {
        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => stack.CreateClient().GetJobAsync("job-does-not-exist"));

        Assert.Equal(404, exception.Status);
        Assert.Contains("job-does-not-exist", exception.Message);
    }

    [Fact]
    public async Task GetJobAsync_UnfinishedJob_AnswersRetryAfterUntilTheJobEnds()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=5]"));

        var running = await client.GetJobAsync(operation.Id);
        var finished = await operation.WaitForCompletionAsync();

        Assert.False(running.Value.Status.IsFinal);
        Assert.True(running.GetRawResponse().Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal(((int)ClientStack.MinPollInterval.TotalSeconds).ToString(), retryAfter);
        Assert.False(operation.GetRawResponse().Headers.TryGetValue("Retry-After", out _));
        Assert.Equal(VideoJobStatus.Succeeded, finished.Value.Status);
    }

    [Fact]
    public async Task ListJobsAsync_BatchAndStatus_ListsExactlyThatBatchsJobs()
    {
        var client = stack.CreateClient();
        var batch = new VideoBatchRequest();
        batch.Add(Jobs.Foxapi());
        batch.Add(Jobs.Foxapi());
        var accepted = (await client.StartBatchAsync(batch)).Value;
        await WaitForBatchAsync(client, accepted.Id);

        var listed = await client.ListJobsAsync(VideoJobStatus.Succeeded, accepted.Id).ToListAsync();
        var none = await client.ListJobsAsync(VideoJobStatus.Failed, accepted.Id).ToListAsync();

        Assert.Equal(accepted.Jobs.Select(j => j.Id).Order(), listed.Select(j => j.Id).Order());
        Assert.All(listed, job => Assert.Equal(accepted.Id, job.BatchId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListJobsAsync_PageSizeHint_LimitsTheOnePage()
    {
        var client = stack.CreateClient();
        await client.StartJobAsync(Jobs.Foxapi());
        await client.StartJobAsync(Jobs.Foxapi());

        var pages = await client.ListJobsAsync().AsPages(pageSizeHint: 1).ToListAsync();

        Assert.Single(Assert.Single(pages).Values);
        Assert.Null(pages[0].ContinuationToken);
    }

    [Fact]
    public async Task CancelJobAsync_RunningJob_OperationEndsWithTheCancelledCode()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=60]"));

        var requested = await client.CancelJobAsync(operation.Id);
        var exception = await Assert.ThrowsAsync<RequestFailedException>(async () => await operation.WaitForCompletionAsync());

        Assert.Equal(operation.Id, requested.Value.Id);
        Assert.Equal("cancelled", exception.ErrorCode);
        Assert.True(operation.HasCompleted);
        Assert.False(operation.HasValue);
        Assert.Equal(VideoJobStatus.Cancelled, operation.Job!.Status);
        Assert.Same(exception, Record.Exception(() => operation.Value));
    }

    [Fact]
    public async Task CancelJobAsync_FinishedJob_ThrowsConflict()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi());
        await operation.WaitForCompletionAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.CancelJobAsync(operation.Id));

        Assert.Equal(409, exception.Status);
        Assert.Contains("already finished", exception.Message);
    }

    [Fact]
    public async Task StartBatchAsync_ValidAndInvalidItems_StartsTheValidOnesAndListsTheErrors()
    {
        var client = stack.CreateClient();
        var batch = await VideoBatchRequest.FromJsonLinesAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $$"""
            {"prompt":"{{Jobs.Prompt()}}"}

            {"prompt":"{{Jobs.Prompt()}}","durationSeconds":5}
            """)));
        batch.Defaults = new JsonObject { ["provider"] = "foxapi", ["model"] = "sora-2", ["aspectRatio"] = "16:9" };

        var accepted = (await client.StartBatchAsync(batch)).Value;
        var finished = await WaitForBatchAsync(client, accepted.Id);

        Assert.Equal((2, 1, 1), (accepted.Items, accepted.Accepted, accepted.Invalid));
        Assert.Equal("queued", accepted.Jobs[0].Status);
        Assert.Contains("durationSeconds", accepted.Jobs[1].Errors!.Keys);
        Assert.Equal(["succeeded", "invalid"], finished.Items.Select(i => i.Status));
        Assert.Equal(1, finished.Counts["succeeded"]);
    }

    [Fact]
    public async Task GetModelsAsync_Always_ListsTheCatalogue()
    {
        var models = (await stack.CreateClient().GetModelsAsync()).Value;

        var sora = Assert.Single(models, m => m.Provider == "foxapi" && m.Model == "sora-2");
        Assert.Contains(4, sora.Durations);
        Assert.Contains("16:9", sora.AspectRatios);
        Assert.Contains("text", sora.Inputs);
    }

    private static async Task<VideoBatch> WaitForBatchAsync(VideoPipelineClient client, string batchId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var batch = (await client.GetBatchAsync(batchId)).Value;
            if (batch.IsFinished)
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Batch {batchId} did not finish.");
            await Task.Delay(250);
        }
    }
}
