using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Moq;
using Moq.Protected;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Tests.Orchestration;

/// <summary>The orchestrator function against a mocked <see cref="TaskOrchestrationContext"/>, as the isolated guide shows.</summary>
public class VideoJobOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly OutputView Archived = new("videos", "job-1.mp4", "https://account.blob.core.windows.net/videos/job-1.mp4", 1024, "video/mp4", "ab");

    private static VideoJobInput Input() => new(
        "job-1",
        new JobRequest { Provider = ProviderName.OpenAi, Model = "sora-2", Prompt = "Cat" },
        new JobPlan
        {
            WaitMode = WaitMode.Poll,
            Deadline = TimeSpan.FromMinutes(30),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            TypicalGenerationTime = TimeSpan.FromSeconds(90),
            Container = "videos",
            BlobName = "job-1.mp4",
        });

    private static Mock<TaskOrchestrationContext> Context(VideoJobInput input)
    {
        var context = new Mock<TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.InstanceId).Returns(input.JobId);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Start);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.GetInput<VideoJobInput>()).Returns(input);
        // Nobody cancels and no callback arrives: those waits never complete; every durable timer fires at once.
        context.Setup(c => c.WaitForExternalEvent<CancelRequest?>(EventNames.Cancel, It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<CancelRequest?>().Task);
        context.Setup(c => c.WaitForExternalEvent<CallbackHint?>(EventNames.ProviderCallback, It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<CallbackHint?>().Task);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return context;
    }

    private static void OnActivity<TResult>(Mock<TaskOrchestrationContext> context, string name, TResult result) =>
        context.Setup(c => c.CallActivityAsync<TResult>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(result);

    [Fact]
    public async Task RunAsync_SubmitStatusArchive_SucceedsWithArchivedOutput()
    {
        var input = Input();
        var context = Context(input);
        OnActivity(context, ActivityNames.Submit,
            ProviderCallResult.Ok(new ProviderTask("video_1", ProviderTaskStatus.Running, "in_progress", 10)));
        OnActivity(context, ActivityNames.CheckStatus, ProviderCallResult.Ok(new ProviderTask(
            "video_1", ProviderTaskStatus.Succeeded, "completed", 100, ResultUrls: [new Uri("https://provider.example.com/v.mp4")])));
        OnActivity(context, ActivityNames.Archive, new ArchiveVideoResult(Archived, null));

        var result = await new VideoJobOrchestrator().RunAsync(context.Object);

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(Archived, result.Output);
        Assert.Equal("video_1", result.ProviderTaskId);
        context.Verify(c => c.CallActivityAsync<ProviderCallResult>(
            It.Is<TaskName>(n => n.Name == ActivityNames.Submit),
            It.Is<object?>(i => i is SubmitJobInput && ((SubmitJobInput)i).JobId == "job-1" && ((SubmitJobInput)i).Attempt == 1),
            It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync<ArchiveVideoResult>(
            It.Is<TaskName>(n => n.Name == ActivityNames.Archive), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.SetCustomStatus(It.Is<object?>(s => s is JobProgress && ((JobProgress)s).Status == JobStatus.Succeeded)),
            Times.Once);
    }

    [Fact]
    public async Task RunAsync_SubmissionOutcomeUnknown_FailsWithoutArchiving()
    {
        var input = Input();
        var context = Context(input);
        OnActivity(context, ActivityNames.Submit,
            ProviderCallResult.Failed(new ActivityError(ErrorCodes.SubmissionOutcomeUnknown, "timed out after sending")));

        var result = await new VideoJobOrchestrator().RunAsync(context.Object);

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.SubmissionOutcomeUnknown, result.Error!.Code);
        context.Verify(c => c.CallActivityAsync<ArchiveVideoResult>(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_NoInput_Throws()
    {
        var context = Context(Input());
        context.Setup(c => c.GetInput<VideoJobInput>()).Returns((VideoJobInput?)null);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => new VideoJobOrchestrator().RunAsync(context.Object));
    }
}
