using System.Text.Json;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing.Workflow;

namespace VideoPipeline.Core.Tests.Admission;

/// <summary>The workflow's admission step against the virtual-time port: slots are scripted activities.</summary>
public class AdmissionWorkflowTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan SlotRetry = TimeSpan.FromSeconds(5);
    private static readonly OutputView Archived = new("videos", "job-1.mp4", "http://blob/videos/job-1.mp4", 1024, "video/mp4", "ab");

    private static VideoJobInput Input(TaskSlotPlan? slots, TimeSpan? deadline = null, WaitMode waitMode = WaitMode.Poll) => new(
        "job-1",
        new JobRequest { Provider = ProviderName.Apixo, Model = "sora-2-pro", Prompt = "waves", DurationSeconds = 4 },
        new JobPlan
        {
            WaitMode = waitMode,
            CallbackUrl = waitMode == WaitMode.Callback ? new Uri("https://host/api/callbacks/apixo/job-1?token=t") : null,
            Deadline = deadline ?? TimeSpan.FromMinutes(30),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            CallbackSafetyNetInterval = TimeSpan.FromMinutes(10),
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
            Container = "videos",
            BlobName = "job-1.mp4",
            TaskSlots = slots,
        });

    private static TaskSlotPlan Slots(TimeSpan? maxWait = null) => new(10, maxWait ?? TimeSpan.FromHours(24));

    /// <summary>
    /// A provider finishing <paramref name="generation"/> after the submit, and a slot store that is full until
    /// <paramref name="slotFreeAt"/> (virtual time since start) and says to look again after 5 s; every call is recorded
    /// in order. Releasing hands the slot to nobody. With <paramref name="firstSubmitRetryAfter"/>, the first submit is
    /// refused with a 429 asking to retry that much later.
    /// </summary>
    private static (VirtualTimeOrchestrationContext Context, List<string> Calls) Scripted(
        TimeSpan generation, TimeSpan slotFreeAt, bool providerCancels = false, TimeSpan? firstSubmitRetryAfter = null)
    {
        var context = new VirtualTimeOrchestrationContext(Start);
        var calls = new List<string>();
        DateTime? submittedAt = null;
        context.OnActivity<TaskSlotRequest>(ActivityNames.AcquireTaskSlot, _ =>
        {
            calls.Add(ActivityNames.AcquireTaskSlot);
            var now = context.CurrentUtcDateTime;
            return now - Start >= slotFreeAt
                ? new TaskSlotGrant(3, now + TimeSpan.FromMinutes(2.5), null, 10)
                : TaskSlotGrant.Busy(10, SlotRetry);
        });
        context.OnActivity<TaskSlotRelease>(ActivityNames.ReleaseTaskSlot, _ =>
        {
            calls.Add(ActivityNames.ReleaseTaskSlot);
            return Array.Empty<TaskSlotHandover>();
        });
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ =>
        {
            calls.Add(ActivityNames.Submit);
            if (firstSubmitRetryAfter is { } retryAfter && calls.Count(c => c == ActivityNames.Submit) == 1)
            {
                return ProviderCallResult.Failed(new ActivityError(ErrorCodes.RateLimited, "429", true, retryAfter));
            }

            submittedAt = context.CurrentUtcDateTime;
            return ProviderCallResult.Ok(new ProviderTask("task-1", ProviderTaskStatus.Pending, "pending"));
        });
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ =>
        {
            calls.Add(ActivityNames.CheckStatus);
            return ProviderCallResult.Ok(context.CurrentUtcDateTime - submittedAt >= generation
                ? new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "success", 100, ResultUrls: [new Uri("https://cdn/v.mp4")])
                : new ProviderTask("task-1", ProviderTaskStatus.Running, "processing"));
        });
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ =>
        {
            calls.Add(ActivityNames.Archive);
            return new ArchiveVideoResult(Archived, null);
        });
        context.OnActivity<ProviderTaskRef>(ActivityNames.Cancel, _ =>
        {
            calls.Add(ActivityNames.Cancel);
            return providerCancels;
        });
        return (context, calls);
    }

    [Fact]
    public void Run_NoSlotPlan_HasNoAdmissionStep()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(slots: null)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.DoesNotContain(calls, c => c.StartsWith("AcquireTaskSlot") || c.StartsWith("ReleaseTaskSlot"));
    }

    [Fact]
    public void Run_SlotsFull_WaitsOnDurableTimersQueuedThenSubmits()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), slotFreeAt: TimeSpan.FromSeconds(12));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(4, context.Calls(ActivityNames.AcquireTaskSlot));
        var submit = context.ActivityCalls.Single(c => c.Name == ActivityNames.Submit).At - Start;
        Assert.Equal(15, submit.TotalSeconds);
        Assert.Contains(context.StatusHistory, s => s.Status == JobStatus.Queued && s.Phase.Contains("task slot"));
        Assert.Equal(1, context.StatusHistory.Count(s => s.Status == JobStatus.Queued));
    }

    [Fact]
    public void Run_ProviderTaskSucceeds_ReleasesSlotBeforeArchiving()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);

        context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        var release = calls.IndexOf(ActivityNames.ReleaseTaskSlot);
        Assert.True(release > calls.LastIndexOf(ActivityNames.CheckStatus), string.Join(", ", calls));
        Assert.True(release < calls.IndexOf(ActivityNames.Archive), string.Join(", ", calls));
        Assert.Single(calls, c => c.StartsWith("ReleaseTaskSlot"));
    }

    [Fact]
    public void Run_ProviderTaskFails_ReleasesSlot()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ => ProviderCallResult.Ok(
            new ProviderTask("task-1", ProviderTaskStatus.Failed, "failed", Error: new JobError(ErrorCodes.ContentViolation, "no"))));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(ErrorCodes.ContentViolation, result.Error!.Code);
        Assert.Contains(ActivityNames.ReleaseTaskSlot, calls);
    }

    [Fact]
    public void Run_SubmitRejected_ReleasesSlot()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ =>
            ProviderCallResult.Failed(new ActivityError(ErrorCodes.InvalidInput, "bad prompt")));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(ErrorCodes.InvalidInput, result.Error!.Code);
        Assert.Contains(ActivityNames.ReleaseTaskSlot, calls);
    }

    [Fact]
    public void Run_SubmissionOutcomeUnknown_LeavesSlotToLapse()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ => ProviderCallResult.Failed(
            new ActivityError(ErrorCodes.SubmissionOutcomeUnknown, "timed out after sending")));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(ErrorCodes.SubmissionOutcomeUnknown, result.Error!.Code);
        Assert.DoesNotContain(calls, c => c.StartsWith("ReleaseTaskSlot"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Run_CancelledWhileGenerating_ReleasesOnlyWhenProviderCancelled(bool providerCancels, bool released)
    {
        var (context, calls) = Scripted(TimeSpan.FromMinutes(10), TimeSpan.Zero, providerCancels);
        context.RaiseAt(TimeSpan.FromSeconds(90), EventNames.Cancel, new CancelRequest("stop"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Equal(released, calls.Contains(ActivityNames.ReleaseTaskSlot));
    }

    [Fact]
    public void Run_CancelledWhileWaitingForSlot_LeavesTheQueueWithoutSubmitting()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), slotFreeAt: TimeSpan.FromHours(1));
        context.RaiseAt(TimeSpan.FromSeconds(60), EventNames.Cancel, new CancelRequest("changed my mind"));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Contains("task slot", result.Error!.Message);
        Assert.DoesNotContain(ActivityNames.Submit, calls);
        Assert.Equal(ActivityNames.ReleaseTaskSlot, calls[^1]);
    }

    [Fact]
    public void Run_NoSlotWithinMaxWait_FailsWithTimeoutAndLeavesTheQueue()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), slotFreeAt: TimeSpan.FromHours(1));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots(maxWait: TimeSpan.FromMinutes(2)))));

        Assert.Equal(ErrorCodes.Timeout, result.Error!.Code);
        Assert.Contains("task slot", result.Error.Message);
        Assert.DoesNotContain(ActivityNames.Submit, calls);
        Assert.Contains(ActivityNames.ReleaseTaskSlot, calls);
    }

    [Fact]
    public void Run_SlotHandedOverByEvent_SubmitsAtOnceWithoutAskingTheStoreAgain()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), slotFreeAt: TimeSpan.FromHours(1));
        context.OnActivity<TaskSlotRequest>(ActivityNames.AcquireTaskSlot, _ =>
        {
            calls.Add(ActivityNames.AcquireTaskSlot);
            return TaskSlotGrant.Busy(10, TimeSpan.FromMinutes(1));
        });
        context.RaiseAt(TimeSpan.FromSeconds(7), EventNames.TaskSlotGranted,
            new TaskSlotGrant(4, Start + TimeSpan.FromSeconds(7) + TimeSpan.FromMinutes(2.5), null, 10));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), context.ActivityCalls.Single(c => c.Name == ActivityNames.Submit).At - Start);
        var requests = context.ActivityCalls.Where(c => c.Name == ActivityNames.AcquireTaskSlot).ToList();
        Assert.Equal(Start, requests[0].Input.GetProperty("queuedAt").GetDateTime());
        Assert.All(requests.Skip(1), r => Assert.Equal(JsonValueKind.Null, r.Input.GetProperty("queuedAt").ValueKind));
    }

    [Fact]
    public void Run_HandoverOlderThanHalfALease_AsksTheStoreInstead()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), slotFreeAt: TimeSpan.FromSeconds(7));
        context.RaiseAt(TimeSpan.FromSeconds(7), EventNames.TaskSlotGranted,
            new TaskSlotGrant(4, Start - TimeSpan.FromMinutes(1), null, 10));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        var acquires = context.ActivityCalls.Where(c => c.Name == ActivityNames.AcquireTaskSlot).ToList();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7)], acquires.Take(3).Select(c => c.At - Start));
        Assert.All(acquires.Take(3), c => Assert.Equal(Start, c.Input.GetProperty("queuedAt").GetDateTime()));
    }

    [Fact]
    public void Run_ReleaseHandsSlotsOver_TellsEachNewHolderByEvent()
    {
        var (context, _) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var grant = new TaskSlotGrant(3, Start + TimeSpan.FromMinutes(5), null, 10);
        context.OnActivity<TaskSlotRelease>(ActivityNames.ReleaseTaskSlot, _ => new[]
        {
            new TaskSlotHandover("job-7", grant),
        });

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        var sent = Assert.Single(context.SentEvents);
        Assert.Equal(("job-7", EventNames.TaskSlotGranted), (sent.InstanceId, sent.Name));
        Assert.Equal(3, sent.Payload.GetProperty("slot").GetInt32());
    }

    [Fact]
    public void Run_HandoverArrivesAfterAdmission_IsIgnored()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        context.RaiseAt(TimeSpan.FromSeconds(10), EventNames.TaskSlotGranted,
            new TaskSlotGrant(5, Start + TimeSpan.FromMinutes(2.5), null, 10));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Single(calls, ActivityNames.Submit);
    }

    [Fact]
    public void Run_LongQueueWait_JobDeadlineStartsAtAdmission()
    {
        var (context, _) = Scripted(TimeSpan.FromMinutes(8), slotFreeAt: TimeSpan.FromMinutes(20));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots(), deadline: TimeSpan.FromMinutes(10))));

        Assert.Equal(JobStatus.Succeeded, result.Status);
    }

    [Fact]
    public void Run_LongGeneration_RenewsSlotWhilePolling()
    {
        var (context, calls) = Scripted(TimeSpan.FromMinutes(12), TimeSpan.Zero);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);

        // Granted for 2.5 minutes at a time: one acquire, then a renewal every 2.5 minutes of a 12-minute generation.
        Assert.InRange(context.Calls(ActivityNames.AcquireTaskSlot), 5, 7);
        var acquires = context.ActivityCalls.Where(c => c.Name == ActivityNames.AcquireTaskSlot).Select(c => c.At).ToList();
        Assert.All(acquires.Zip(acquires.Skip(1)), pair => Assert.True(pair.Second - pair.First <= TimeSpan.FromMinutes(2.5)));
    }

    [Fact]
    public void Run_CallbackLostWithSafetyNetLongerThanHalfAHold_RenewsSlotBeforeItsHoldLapses()
    {
        var (context, _) = Scripted(TimeSpan.FromMinutes(12), TimeSpan.Zero);

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots(), waitMode: WaitMode.Callback)));

        Assert.Equal(JobStatus.Succeeded, result.Status);

        // The 10-minute safety net would outlast the 2.5 minutes to each renewal: waits end at the renewal time instead.
        var acquires = context.ActivityCalls.Where(c => c.Name == ActivityNames.AcquireTaskSlot).Select(c => c.At).ToList();
        Assert.InRange(acquires.Count, 5, 7);
        Assert.All(acquires.Zip(acquires.Skip(1)), pair => Assert.True(pair.Second - pair.First <= TimeSpan.FromMinutes(2.5)));
    }

    [Fact]
    public void Run_ProviderAsksToRetryLaterThanHalfAHold_RenewsSlotWhileWaitingToResubmit()
    {
        var (context, calls) = Scripted(TimeSpan.FromSeconds(30), TimeSpan.Zero, firstSubmitRetryAfter: TimeSpan.FromMinutes(10));

        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, Input(Slots())));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        var submits = context.ActivityCalls.Where(c => c.Name == ActivityNames.Submit).Select(c => c.At).ToList();
        Assert.Equal([Start, Start + TimeSpan.FromMinutes(10)], submits);

        // Held 2.5 minutes at a time: the 10 minutes before the retry are waited in steps, each ending at a renewal.
        var acquires = context.ActivityCalls.Where(c => c.Name == ActivityNames.AcquireTaskSlot).Select(c => c.At).ToList();
        Assert.True(acquires.Count(at => at < submits[1]) >= 5, string.Join(", ", calls));
        Assert.All(acquires.Zip(acquires.Skip(1)), pair => Assert.True(pair.Second - pair.First <= TimeSpan.FromMinutes(2.5)));
    }
}
