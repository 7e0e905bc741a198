using Microsoft.DurableTask;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Testing.Workflow;

namespace VideoPipeline.Core.Tests.Watch;

/// <summary>A job whose task the task watch checks: it registers the task and waits for the watch's (or a provider's) event.</summary>
public class WatchedJobWorkflowTests
{
    private static readonly DateTime Start = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(30);
    private static readonly OutputView Archived = new("videos", "job-1.mp4", "http://blob/videos/job-1.mp4", 1024, "video/mp4", "ab");

    private static VideoJobInput Input(TimeSpan? safetyNet, WaitMode mode = WaitMode.Poll) => new(
        "job-1",
        new JobRequest { Provider = ProviderName.FoxApi, Model = "sora-2", Prompt = "waves", DurationSeconds = 4 },
        new JobPlan
        {
            WaitMode = mode,
            CallbackUrl = mode == WaitMode.Callback ? new Uri("https://host/api/callbacks/foxapi/job-1?token=t") : null,
            CallbackSafetyNetInterval = TimeSpan.FromMinutes(5),
            Deadline = TimeSpan.FromHours(2),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            TaskWatchSafetyNetInterval = safetyNet,
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            Container = "videos",
            BlobName = "job-1.mp4",
        });

    /// <summary>A provider that finishes <paramref name="generation"/> after submission, with the watch taking every registration.</summary>
    private static VirtualTimeOrchestrationContext ProviderFinishingAfter(TimeSpan generation, List<WatchedTask> registrations)
    {
        var context = new VirtualTimeOrchestrationContext(Start);
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ =>
            ProviderCallResult.Ok(new ProviderTask("task-1", ProviderTaskStatus.Pending, "pending", 0)));
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ => ProviderCallResult.Ok(
            context.CurrentUtcDateTime - Start >= generation
                ? new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed", 100, ResultUrls: [new Uri("https://cdn.example.com/v.mp4")])
                : new ProviderTask("task-1", ProviderTaskStatus.Running, "processing", 50)));
        context.OnActivity<WatchedTask>(ActivityNames.WatchTask, task =>
        {
            registrations.Add(task);
            return true;
        });
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ => new ArchiveVideoResult(Archived, null));
        return context;
    }

    [Fact]
    public void Run_WatchRaisesCallbackWhenTaskEnded_JobChecksOnceAndSucceeds()
    {
        var registrations = new List<WatchedTask>();
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(120), registrations);
        context.RaiseAt(TimeSpan.FromSeconds(121), EventNames.ProviderCallback, new CallbackHint("task-1", "completed"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(SafetyNet)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(1, context.Calls(ActivityNames.CheckStatus));
        Assert.Equal(121, (result.Timings.GeneratedAt!.Value - Start).TotalSeconds);
        var registration = Assert.Single(registrations);
        Assert.Equal(("job-1", "task-1", Start, Start), (registration.JobId, registration.Task.TaskId, registration.SubmittedAt, registration.CheckedAt));
        Assert.Equal(ProviderTaskStatus.Pending, registration.Latest.Status);
        Assert.Equal(WaitMode.Poll, registration.Plan.WaitMode);
    }

    [Fact]
    public void Run_CallbackModeWatched_RegistersAndChecksOnlyWhenTheCallbackCame()
    {
        var registrations = new List<WatchedTask>();
        var context = ProviderFinishingAfter(TimeSpan.FromMinutes(12), registrations);
        context.RaiseAt(TimeSpan.FromMinutes(12), EventNames.ProviderCallback, new CallbackHint("task-1", "completed"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(SafetyNet, WaitMode.Callback)));

        // Unwatched, the job would also have checked at 5 and 10 minutes (the callback safety net): the watch does that.
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal([12.0], context.ActivityCalls.Where(c => c.Name == ActivityNames.CheckStatus).Select(c => (c.At - Start).TotalMinutes));
        Assert.Equal(WaitMode.Callback, Assert.Single(registrations).Plan.WaitMode);
    }

    [Fact]
    public void Run_NoWordFromTheWatch_ChecksItselfEverySafetyNetAndRegistersAgain()
    {
        var registrations = new List<WatchedTask>();
        var context = ProviderFinishingAfter(TimeSpan.FromMinutes(70), registrations);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(SafetyNet)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        var checks = context.ActivityCalls.Where(c => c.Name == ActivityNames.CheckStatus).Select(c => (c.At - Start).TotalMinutes);
        Assert.Equal([30.0, 60.0, 90.0], checks);
        Assert.Equal([0.0, 30.0, 60.0], registrations.Select(r => (r.CheckedAt - Start).TotalMinutes));
        Assert.All(registrations, r => Assert.Equal(Start, r.SubmittedAt));
        Assert.Equal(ProviderTaskStatus.Running, registrations[^1].Latest.Status);
    }

    [Fact]
    public void Run_WatchCannotTakeTheTask_JobPollsOnItsOwnSchedule()
    {
        var registrations = new List<WatchedTask>();
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(120), registrations);
        context.OnActivity<WatchedTask>(ActivityNames.WatchTask, _ => throw new TaskFailedException(
            ActivityNames.WatchTask, 1, new TaskFailureDetails("RequestFailedException", "storage is down", null, null, null)));

        var unwatched = ProviderFinishingAfter(TimeSpan.FromSeconds(120), registrations);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(SafetyNet)));
        unwatched.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(safetyNet: null)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(1, context.Calls(ActivityNames.WatchTask));
        Assert.Equal(
            unwatched.ActivityCalls.Where(c => c.Name == ActivityNames.CheckStatus).Select(c => c.At),
            context.ActivityCalls.Where(c => c.Name == ActivityNames.CheckStatus).Select(c => c.At));
    }

    [Fact]
    public void Run_PlanWithoutWatch_NeverRegisters()
    {
        var registrations = new List<WatchedTask>();
        var context = ProviderFinishingAfter(TimeSpan.FromSeconds(120), registrations);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(safetyNet: null)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(0, context.Calls(ActivityNames.WatchTask));
        Assert.InRange(context.Calls(ActivityNames.CheckStatus), 2, 6);
    }
}
