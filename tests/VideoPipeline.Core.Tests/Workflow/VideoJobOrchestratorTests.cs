using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing.Workflow;

namespace VideoPipeline.Core.Tests.Workflow;

public class VideoJobOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Uri ResultUrl = new("https://cdn.example.com/v.mp4");

    private static VideoJobInput Input(WaitMode mode = WaitMode.Poll, string? notifyUrl = null) => new(
        "job-1",
        new JobRequest
        {
            Provider = ProviderName.FoxApi, Model = "sora-2", Prompt = "waves", DurationSeconds = 4,
            NotifyUrl = notifyUrl,
        },
        new JobPlan
        {
            WaitMode = mode,
            CallbackUrl = mode == WaitMode.Callback ? new Uri("https://host/api/callbacks/foxapi/job-1?token=t") : null,
            Deadline = TimeSpan.FromMinutes(30),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            Container = "videos",
            BlobName = "job-1.mp4",
        });

    private static ProviderTask Running(int progress = 10, TimeSpan? estimate = null) =>
        new("task-1", ProviderTaskStatus.Running, "processing", progress, estimate);

    private static ProviderTask Done() =>
        new("task-1", ProviderTaskStatus.Succeeded, "completed", 100, ResultUrls: [ResultUrl]);

    private static readonly OutputView Archived = new("videos", "job-1.mp4", "http://blob/videos/job-1.mp4", 1024, "video/mp4", "ab");

    /// <summary>A provider that finishes <paramref name="generation"/> after submission (virtual time).</summary>
    private static VirtualTimeOrchestrationContext ProviderFinishingAfter(TimeSpan generation, TimeSpan? estimate = null)
    {
        var context = new VirtualTimeOrchestrationContext(Start);
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ =>
            ProviderCallResult.Ok(Running(0, estimate) with { Status = ProviderTaskStatus.Pending, RawStatus = "pending" }));
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ =>
        {
            var elapsed = context.CurrentUtcDateTime - Start;
            return ProviderCallResult.Ok(elapsed >= generation
                ? Done()
                : Running((int)(100 * elapsed / generation), estimate));
        });
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ => new ArchiveVideoResult(Archived, null));
        context.OnActivity<ProviderTaskRef>(ActivityNames.Cancel, _ => false);
        context.OnActivity<NotifyInput>(ActivityNames.Notify, _ => true);
        return context;
    }

    [Fact]
    public void Run_PollModeProviderFinishes_ArchivesAndSucceedsWithFewStatusCalls()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(120));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(Archived, result.Output);
        Assert.Equal("task-1", result.ProviderTaskId);
        Assert.Equal(1, context.Calls(ActivityNames.Submit));
        Assert.Equal(1, context.Calls(ActivityNames.Archive));
        Assert.InRange(context.Calls(ActivityNames.CheckStatus), 2, 6);
        var detected = result.Timings.GeneratedAt!.Value - Start;
        Assert.InRange(detected.TotalSeconds, 120, 140);
        Assert.Contains(context.StatusHistory, s => s.Status == JobStatus.Generating && s.Progress > 0);
        Assert.Equal(JobStatus.Succeeded, context.StatusHistory[^1].Status);
    }

    [Fact]
    public void Run_ProviderEstimate_FirstStatusCheckNearEstimate()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(45), estimate: TimeSpan.FromSeconds(45));

        context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        var firstCheck = context.ActivityCalls.First(c => c.Name == ActivityNames.CheckStatus).At - Start;
        Assert.Equal(45, firstCheck.TotalSeconds, precision: 0);
        Assert.Equal(1, context.Calls(ActivityNames.CheckStatus));
    }

    [Fact]
    public void Run_SubmitRateLimited_WaitsRetryAfterAndSubmitsAgain()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(60));
        var attempts = new List<int>();
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, input =>
        {
            attempts.Add(input.Attempt);
            return input.Attempt == 1
                ? ProviderCallResult.Failed(new ActivityError(ErrorCodes.RateLimited, "429", true, TimeSpan.FromSeconds(7)))
                : ProviderCallResult.Ok(Running(0));
        });

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal([1, 2], attempts);
        var secondSubmit = context.ActivityCalls.Where(c => c.Name == ActivityNames.Submit).ElementAt(1).At - Start;
        Assert.Equal(7, secondSubmit.TotalSeconds);
    }

    [Fact]
    public void Run_SubmissionOutcomeUnknown_FailsWithoutResubmitting()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(60));
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ => ProviderCallResult.Failed(
            new ActivityError(ErrorCodes.SubmissionOutcomeUnknown, "timed out after sending")));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.SubmissionOutcomeUnknown, result.Error!.Code);
        Assert.Equal(1, context.Calls(ActivityNames.Submit));
        Assert.Equal(0, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_SubmitKeepsFailingTransiently_GivesUpAfterMaxAttempts()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(60));
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ => ProviderCallResult.Failed(
            new ActivityError(ErrorCodes.ProviderUnavailable, "503", true)));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, result.Error!.Code);
        Assert.Equal(VideoJobOrchestrator.MaxSubmitAttempts, context.Calls(ActivityNames.Submit));
    }

    [Fact]
    public void Run_CallbackArrives_ChecksStatusAtOnceAndArchives()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        context.RaiseAt(TimeSpan.FromSeconds(31), EventNames.ProviderCallback, new CallbackHint("task-1", "completed"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(WaitMode.Callback)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(1, context.Calls(ActivityNames.CheckStatus));
        Assert.Equal(31, (result.Timings.GeneratedAt!.Value - Start).TotalSeconds);
    }

    [Fact]
    public void Run_EarlyCallback_IsOnlyAHintAndWorkflowKeepsWaiting()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(100));
        context.RaiseAt(TimeSpan.FromSeconds(10), EventNames.ProviderCallback, new CallbackHint("task-1", "completed"));
        context.RaiseAt(TimeSpan.FromSeconds(101), EventNames.ProviderCallback, new CallbackHint("task-1", "completed"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(WaitMode.Callback)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(101, (result.Timings.GeneratedAt!.Value - Start).TotalSeconds);
        Assert.Equal(1, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_CallbackLost_SafetyNetPollingStillFinishes()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(100));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(WaitMode.Callback)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(120, (result.Timings.GeneratedAt!.Value - Start).TotalSeconds);
    }

    [Fact]
    public void Run_DuplicateCallbacks_ArchiveOnce()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        context.RaiseAt(TimeSpan.FromSeconds(31), EventNames.ProviderCallback);
        context.RaiseAt(TimeSpan.FromSeconds(31), EventNames.ProviderCallback);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(WaitMode.Callback)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(1, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_ProviderReportsFailure_FailsWithProviderCode()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ => ProviderCallResult.Ok(
            new ProviderTask("task-1", ProviderTaskStatus.Failed, "failed",
                Error: new JobError(ErrorCodes.ContentViolation, "CONTENT_VIOLATION"))));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.ContentViolation, result.Error!.Code);
        Assert.Equal(0, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_ProviderNeverFinishes_FailsWithTimeoutAtDeadlineAndCancelsAtProvider()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromHours(5));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(ErrorCodes.Timeout, result.Error!.Code);
        Assert.Equal(30, (result.Timings.CompletedAt!.Value - Start).TotalMinutes, precision: 3);
        Assert.Equal(1, context.Calls(ActivityNames.Cancel));
        Assert.InRange(context.Calls(ActivityNames.CheckStatus), 10, 60);
    }

    [Fact]
    public void Run_CancelledWhileGenerating_CancelsAtProviderAndEndsCancelled()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(300));
        context.RaiseAt(TimeSpan.FromSeconds(20), EventNames.Cancel, new CancelRequest("changed my mind"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Equal("changed my mind", result.Error!.Message);
        Assert.Equal(1, context.Calls(ActivityNames.Cancel));
        Assert.Equal(0, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_ArchiveTruncatedOnce_RetriesAndSucceeds()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        var archives = 0;
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ => ++archives == 1
            ? new ArchiveVideoResult(null, new ActivityError(ErrorCodes.ResultTruncated, "short", true))
            : new ArchiveVideoResult(Archived, null));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, archives);
    }

    [Fact]
    public void Run_ArchiveNotMp4_FailsWithoutRetry()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ =>
            new ArchiveVideoResult(null, new ActivityError(ErrorCodes.ResultNotMp4, "text/html")));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(ErrorCodes.ResultNotMp4, result.Error!.Code);
        Assert.Equal(1, context.Calls(ActivityNames.Archive));
    }

    [Fact]
    public void Run_NotifyUrlGiven_NotifiesWithTheResultAndRetries()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        var notified = new List<NotifyInput>();
        context.OnActivity<NotifyInput>(ActivityNames.Notify, n =>
        {
            notified.Add(n);
            return notified.Count > 1;
        });

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(notifyUrl: "https://app.example.com/done")));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, notified.Count);
        Assert.All(notified, n => Assert.Equal(JobStatus.Succeeded, n.Result.Status));
    }

    [Fact]
    public void Run_NotifyUrlGiven_ReportsTheEndedJobWithItsOutputBeforeNotifying()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        JobProgress? statusWhileNotifying = null;
        context.OnActivity<NotifyInput>(ActivityNames.Notify, _ =>
        {
            statusWhileNotifying = context.StatusHistory[^1];
            return true;
        });

        context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(notifyUrl: "https://app.example.com/done")));

        Assert.NotNull(statusWhileNotifying);
        Assert.Equal(JobStatus.Succeeded, statusWhileNotifying.Status);
        Assert.Equal(Archived, statusWhileNotifying.Result?.Output);
        Assert.NotNull(statusWhileNotifying.Result?.Timings.CompletedAt);
    }

    [Fact]
    public void Run_VideoArchived_ReportsTheJobSucceededBeforeRecordingItsOutcome()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        JobProgress? statusWhileRecording = null;
        context.OnActivity<JobOutcome>(ActivityNames.RecordOutcome, _ =>
        {
            statusWhileRecording = context.StatusHistory[^1];
            return true;
        });

        context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        // The view reads succeeded from the episode that archived the video, one activity round trip sooner.
        Assert.Equal(JobStatus.Succeeded, statusWhileRecording?.Status);
        Assert.Equal(Archived, statusWhileRecording?.Result?.Output);
    }

    [Fact]
    public void Run_CompletedWithoutResultUrl_KeepsPollingUntilUrlAppears()
    {
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(30));
        var checks = 0;
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ => ++checks < 3
            ? ProviderCallResult.Ok(Done() with { ResultUrls = [] })
            : ProviderCallResult.Ok(Done()));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input()));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(3, checks);
    }
}
