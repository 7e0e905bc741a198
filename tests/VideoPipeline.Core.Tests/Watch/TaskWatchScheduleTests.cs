using Azure;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Tests.Watch;

/// <summary>The watch's schedule: due checks in order, never early, and a task replaced or removed while being checked stays out.</summary>
public class TaskWatchScheduleTests
{
    private static readonly DateTime Start = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    /// <summary>A poll-mode job checked every minute, last checked <paramref name="checkedAfter"/> after <see cref="Start"/>.</summary>
    private static WatchedTask Task(string jobId, double checkedAfter) => new(
        jobId,
        new ProviderTaskRef(ProviderName.FoxApi, "sora-2", $"task-of-{jobId}"),
        new JobPlan
        {
            WaitMode = WaitMode.Poll,
            Deadline = TimeSpan.FromHours(2),
            MinPollInterval = Interval,
            MaxPollInterval = Interval,
            TaskWatchSafetyNetInterval = TimeSpan.FromMinutes(30),
            TypicalGenerationTime = TimeSpan.FromMinutes(10),
            Container = "videos",
            BlobName = $"{jobId}.mp4",
        },
        Start,
        new ProviderTask($"task-of-{jobId}", ProviderTaskStatus.Running, "processing"),
        Start.AddSeconds(checkedAfter));

    private static DateTimeOffset At(double seconds) => new(Start.AddSeconds(seconds));

    [Fact]
    public void TakeDue_TasksDueAtDifferentTimes_TakesOnlyThoseDueEarliestFirstAndEachOnce()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("c", 30), new ETag("\"1\""));
        schedule.Add(Task("a", 10), new ETag("\"1\""));
        schedule.Add(Task("b", 20), new ETag("\"1\""));

        Assert.Empty(schedule.TakeDue(At(69.999)));
        Assert.Equal(["a", "b"], schedule.TakeDue(At(80)).Select(e => e.Task.JobId));
        Assert.Empty(schedule.TakeDue(At(80)));
        Assert.Equal(At(90), schedule.NextDue());
    }

    [Fact]
    public void Reschedule_CheckedTask_ComesUpAgainAtItsNextCheck()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("a", 0), new ETag("\"1\""));
        var entry = Assert.Single(schedule.TakeDue(At(60)));
        Assert.Null(schedule.NextDue());

        schedule.Reschedule(entry, At(121));

        Assert.Equal(At(121), schedule.NextDue());
        Assert.Empty(schedule.TakeDue(At(120)));
        Assert.Same(entry, Assert.Single(schedule.TakeDue(At(121))));
    }

    [Fact]
    public void Reschedule_TaskRegisteredAgainWhileBeingChecked_OnlyTheNewRegistrationStays()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("a", 0), new ETag("\"1\""));
        var checking = Assert.Single(schedule.TakeDue(At(60)));

        schedule.Add(Task("a", 100), new ETag("\"2\""));
        schedule.Reschedule(checking, At(120));

        Assert.Equal(At(160), schedule.NextDue());
        var due = Assert.Single(schedule.TakeDue(At(1000)));
        Assert.Equal(new ETag("\"2\""), due.ETag);
        Assert.Same(due, schedule.Find("a"));
    }

    [Fact]
    public void Reschedule_TaskRemovedWhileBeingChecked_StaysOut()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("a", 0), new ETag("\"1\""));
        var checking = Assert.Single(schedule.TakeDue(At(60)));

        schedule.Remove(checking);
        schedule.Reschedule(checking, At(120));

        Assert.Null(schedule.NextDue());
        Assert.Empty(schedule.TakeDue(At(1000)));
        Assert.Null(schedule.Find("a"));
    }

    [Fact]
    public void Remove_ReplacedEntry_LeavesTheReplacement()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("a", 0), new ETag("\"1\""));
        var old = Assert.Single(schedule.TakeDue(At(60)));
        schedule.Add(Task("a", 100), new ETag("\"2\""));

        schedule.Remove(old);

        Assert.Equal(new ETag("\"2\""), schedule.Find("a")?.ETag);
        Assert.Equal(At(160), schedule.NextDue());
    }

    [Fact]
    public void RemoveJob_WhileItsTaskIsBeingChecked_TheCheckDoesNotPutItBack()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("a", 0), new ETag("\"1\""));
        schedule.Add(Task("b", 100), new ETag("\"1\""));
        var checking = Assert.Single(schedule.TakeDue(At(60)));

        schedule.Remove("a");
        schedule.Reschedule(checking, At(120));

        Assert.Null(schedule.Find("a"));
        Assert.Equal(["b"], schedule.TakeDue(At(1000)).Select(e => e.Task.JobId));
    }

    [Fact]
    public void Reconcile_TaskAddedAfterTheRegistrationsWereRead_IsKept()
    {
        var schedule = new TaskWatchSchedule();
        schedule.Add(Task("gone", 0), new ETag("\"1\""));
        schedule.Add(Task("kept", 0), new ETag("\"1\""));
        var beforeRead = schedule.Additions;
        schedule.Add(Task("tracked-meanwhile", 0), new ETag("\"1\""));

        var toRead = schedule.Reconcile(
            new Dictionary<string, ETag> { ["kept"] = new("\"1\""), ["registered-elsewhere"] = new("\"1\"") }, beforeRead);

        Assert.Equal(["registered-elsewhere"], toRead);
        Assert.Null(schedule.Find("gone"));
        Assert.NotNull(schedule.Find("kept"));
        Assert.NotNull(schedule.Find("tracked-meanwhile"));
        Assert.Equal(["kept", "tracked-meanwhile"], schedule.TakeDue(At(60)).Select(e => e.Task.JobId).Order());
    }
}
