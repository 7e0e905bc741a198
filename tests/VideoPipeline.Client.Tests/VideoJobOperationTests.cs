using Azure;
using Azure.Core;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client.Models;
using VideoPipeline.Client.Tests.Infrastructure;

namespace VideoPipeline.Client.Tests;

[Collection(StackCollection.Name)]
public sealed class VideoJobOperationTests(ClientStack stack)
{
    // The host asks for Retry-After: Pipeline:MinPollInterval in whole seconds.
    private static readonly TimeSpan ServerHint = ClientStack.MinPollInterval;

    [Fact]
    public async Task WaitForCompletionAsync_ShortPollingInterval_WaitsAsLongAsRetryAfterAsks()
    {
        var (client, recorder) = RecordingClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=4]"));

        await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        AssertPolledNoSoonerThanTheHint(recorder, operation.Id);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Progress_ReportsEveryReadAndHonoursRetryAfter()
    {
        var (client, recorder) = RecordingClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=4]"));
        var reports = new List<VideoJob>();

        var job = (await operation.WaitForCompletionAsync(new InlineProgress<VideoJob>(reports.Add))).Value;

        Assert.Equal(VideoJobStatus.Succeeded, job.Status);
        Assert.Same(job, reports[^1]);
        Assert.Contains(reports, r => r.Status == VideoJobStatus.Generating);
        Assert.Equal(reports.Count, Polls(recorder, operation.Id).Count);
        AssertPolledNoSoonerThanTheHint(recorder, operation.Id);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ProviderRefusesTheContent_ThrowsWithTheJobsErrorCode()
    {
        var operation = await stack.CreateClient().StartJobAsync(Jobs.Foxapi("[emu:fail=content_policy_violation]"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(async () => await operation.WaitForCompletionAsync());

        Assert.Equal(operation.Job!.Error!.Code, exception.ErrorCode);
        Assert.Equal("content_violation", exception.ErrorCode);
        Assert.Equal(200, exception.Status);
        Assert.Equal(operation.Id, exception.Data["jobId"]);
        Assert.Equal(VideoJobStatus.Failed, operation.Job.Status);
    }

    [Fact]
    public async Task Constructor_JobStartedElsewhere_ResumesAndCompletes()
    {
        var client = stack.CreateClient();
        var started = await client.StartJobAsync(Jobs.Foxapi());

        var resumed = new VideoJobOperation(started.Id, client);
        var notReadYet = Record.Exception(resumed.GetRawResponse);
        var job = (await resumed.WaitForCompletionAsync()).Value;

        Assert.IsType<InvalidOperationException>(notReadYet);
        Assert.Equal(started.Id, job.Id);
        Assert.Equal(VideoJobStatus.Succeeded, job.Status);
    }

    [Fact]
    public async Task UpdateStatus_Synchronous_ReadsTheJob()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi());

        var response = operation.UpdateStatus();

        Assert.Equal(200, response.Status);
        Assert.Equal(operation.Id, operation.Job!.Id);
        Assert.Equal(VideoJobStatus.Succeeded, (await operation.WaitForCompletionAsync()).Value.Status);
    }

    private (VideoPipelineClient Client, RecordingPolicy Recorder) RecordingClient()
    {
        var recorder = new RecordingPolicy();
        var options = new VideoPipelineClientOptions();
        options.AddPolicy(recorder, HttpPipelinePosition.BeforeTransport);
        return (stack.CreateClient(options), recorder);
    }

    private static List<RecordedRequest> Polls(RecordingPolicy recorder, string jobId) =>
        [.. recorder.Requests.Where(r => r.Method == RequestMethod.Get && r.Uri.AbsolutePath == $"/api/videos/{jobId}")];

    /// <summary>A lower bound only: a slow machine makes the gaps longer, never shorter.</summary>
    private static void AssertPolledNoSoonerThanTheHint(RecordingPolicy recorder, string jobId)
    {
        var polls = Polls(recorder, jobId);
        Assert.True(polls.Count >= 2, $"Expected several polls, saw {polls.Count}.");
        foreach (var (previous, next) in polls.Zip(polls.Skip(1)))
        {
            Assert.True(next.SentAt - previous.SentAt >= ServerHint - TimeSpan.FromMilliseconds(50),
                $"Polled again after {(next.SentAt - previous.SentAt).TotalMilliseconds:0} ms; the service asked for {ServerHint.TotalSeconds} s.");
        }
    }
}
