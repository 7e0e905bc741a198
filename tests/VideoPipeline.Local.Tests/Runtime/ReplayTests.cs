using System.Collections.Concurrent;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class ReplayTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Restart_AfterCrashDuringActivity_ResumesWithoutRerunningJournaledActivities()
    {
        var container = RuntimeHost.NewContainerName();
        var calls = new ConcurrentDictionary<string, int>();
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Register(LocalRuntimeBuilder runtime, bool hangInSecond) => runtime
            .AddOrchestrator<string?, int>("Steps", async (context, _) =>
                await context.CallActivityAsync<int>("One")
                + await context.CallActivityAsync<int>("Two")
                + await context.CallActivityAsync<int>("Three"))
            .AddActivity<string?, int>("One", (_, _, _) => Task.FromResult(Count(calls, "One", 1)))
            .AddActivity<string?, int>("Two", async (_, _, cancellationToken) =>
            {
                Count(calls, "Two", 0);
                if (hangInSecond)
                {
                    secondStarted.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return 2;
            })
            .AddActivity<string?, int>("Three", (_, _, _) => Task.FromResult(Count(calls, "Three", 3)));

        var first = await RuntimeHost.StartAsync(azurite, container, runtime => Register(runtime, hangInSecond: true));
        await using (first)
        {
            var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Steps", null, "steps-1");
            await secondStarted.Task.WaitAsync(RuntimeHost.DefaultTimeout);
            await first.CrashAsync();
        }

        await using var second = await RuntimeHost.StartAsync(
            azurite, container, runtime => Register(runtime, hangInSecond: false));
        var instance = await second.WaitForFinishAsync("steps-1", TakeoverTimeout);
        var journal = await second.ReadJournalAsync("steps-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("6", instance.SerializedOutput);
        Assert.Equal(1, calls["One"]);
        Assert.Equal(2, calls["Two"]);
        Assert.Equal(1, calls["Three"]);
        Assert.Single(journal.Entries, e => e.Type == JournalEntryType.OrchestratorStarted);
        Assert.Equal(3, journal.Entries.Count(e => e.Type == JournalEntryType.ActivityScheduled));
    }

    [Theory]
    [InlineData("activity", "activity 'A'", "activity 'Changed'")]
    [InlineData("timer", "timer firing at", "timer firing at")]
    [InlineData("event", "wait for event 'go'", "wait for event 'start'")]
    public async Task Replay_OrchestratorChangedWhileRunning_FailsWithNonDeterminismMessage(
        string change, string expected, string actual)
    {
        var container = RuntimeHost.NewContainerName();
        var original = await RuntimeHost.StartAsync(azurite, container, runtime => RegisterRace(runtime, change: null));
        await using (original)
        {
            var id = await original.Client.ScheduleNewOrchestrationInstanceAsync("Race", null, "race-1");
            await original.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
            await original.StopAsync();
        }

        await using var changed = await RuntimeHost.StartAsync(azurite, container, runtime => RegisterRace(runtime, change));
        var instance = await changed.WaitForFinishAsync("race-1");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.StartsWith("Non-deterministic orchestrator 'Race'", instance.FailureMessage);
        Assert.Contains($"the journal records {expected}", instance.FailureMessage);
        Assert.Contains($"now schedules {actual}", instance.FailureMessage);
    }

    [Fact]
    public async Task CreateTimer_RuntimeRestartedLater_WaitsOnlyTheRemainder()
    {
        var container = RuntimeHost.NewContainerName();
        static void Register(LocalRuntimeBuilder runtime) => runtime
            .AddOrchestrator<string?, DateTime>("Nap", async (context, _) =>
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(10), CancellationToken.None);
                return context.CurrentUtcDateTime;
            });

        DateTime fireAt;
        var before = await RuntimeHost.StartAsync(azurite, container, Register);
        await using (before)
        {
            var id = await before.Client.ScheduleNewOrchestrationInstanceAsync("Nap", null, "nap-1");
            var journal = await before.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.TimerCreated));
            fireAt = journal.Entries.Single(e => e.Type == JournalEntryType.TimerCreated).FireAt!.Value;
            await before.StopAsync();
        }

        // A process starting ten minutes later: waiting the whole ten minutes again would time this test out.
        await using var after = await RuntimeHost.StartAsync(
            azurite, container, Register, new OffsetTimeProvider(TimeSpan.FromMinutes(10)));
        var instance = await after.WaitForFinishAsync("nap-1");
        var entries = (await after.ReadJournalAsync("nap-1")).Entries;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var created = Assert.Single(entries, e => e.Type == JournalEntryType.TimerCreated);
        Assert.Equal(fireAt, created.FireAt);
        var fired = Assert.Single(entries, e => e.Type == JournalEntryType.TimerFired);
        Assert.True(fired.At >= fireAt, $"Fired at {fired.At:O}, before its fire time {fireAt:O}.");
    }

    [Fact]
    public async Task Replay_RaceDecidedByEvent_StaysDecidedWhenTimerIsDueOnRestart()
    {
        var container = RuntimeHost.NewContainerName();
        static void Register(LocalRuntimeBuilder runtime) => runtime
            .AddOrchestrator<string?, string>("Decide", async (context, _) =>
            {
                using var cancellation = new CancellationTokenSource();
                var callback = context.WaitForExternalEvent<string>("callback");
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(30), cancellation.Token);
                var winner = await Task.WhenAny(callback, timer);
                cancellation.Cancel();
                context.SetCustomStatus(winner == callback ? "event" : "timer");
                await context.WaitForExternalEvent<string>("finish");
                return winner == callback ? $"event:{callback.Result}" : "timer";
            });

        var before = await RuntimeHost.StartAsync(azurite, container, Register);
        await using (before)
        {
            var id = await before.Client.ScheduleNewOrchestrationInstanceAsync("Decide", null, "decide-1");
            await before.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.TimerCreated));
            await before.Client.RaiseEventAsync(id, "callback", "x");
            await before.WaitForInstanceAsync(id, i => i.SerializedCustomStatus == "\"event\"");
            await before.StopAsync();
        }

        // An hour later the timer would have won a fresh race; replay must follow the journal instead.
        await using var after = await RuntimeHost.StartAsync(
            azurite, container, Register, new OffsetTimeProvider(TimeSpan.FromHours(1)));
        await after.Client.RaiseEventAsync("decide-1", "finish");
        var instance = await after.WaitForFinishAsync("decide-1");

        Assert.Equal("\"event:x\"", instance.SerializedOutput);
        Assert.DoesNotContain(
            (await after.ReadJournalAsync("decide-1")).Entries, e => e.Type == JournalEntryType.TimerFired);
    }

    [Fact]
    public async Task IsReplaying_AfterRestart_TrueUntilPastJournalThenFalse()
    {
        var container = RuntimeHost.NewContainerName();
        static void Register(LocalRuntimeBuilder runtime) => runtime
            .AddOrchestrator<string?, string>("Observe", async (context, _) =>
            {
                var atStart = context.IsReplaying;
                await context.CallActivityAsync<int>("A");
                var afterActivity = context.IsReplaying;
                await context.WaitForExternalEvent<string>("go");
                return $"{atStart}|{afterActivity}|{context.IsReplaying}";
            })
            .AddActivity<string?, int>("A", (_, _, _) => Task.FromResult(1));

        var before = await RuntimeHost.StartAsync(azurite, container, Register);
        await using (before)
        {
            var id = await before.Client.ScheduleNewOrchestrationInstanceAsync("Observe", null, "observe-1");
            await before.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
            await before.StopAsync();
        }

        await using var after = await RuntimeHost.StartAsync(azurite, container, Register);
        await after.Client.RaiseEventAsync("observe-1", "go");
        var instance = await after.WaitForFinishAsync("observe-1");

        Assert.Equal("\"True|True|False\"", instance.SerializedOutput);
    }

    private static void RegisterRace(LocalRuntimeBuilder runtime, string? change) => runtime
        .AddOrchestrator<string?, string>("Race", async (context, _) =>
        {
            await context.CallActivityAsync<int>(change == "activity" ? "Changed" : "A");
            using var cancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(
                context.CurrentUtcDateTime.AddHours(change == "timer" ? 2 : 1), cancellation.Token);
            var go = context.WaitForExternalEvent<string>(change == "event" ? "start" : "go");
            await Task.WhenAny(timer, go);
            cancellation.Cancel();
            return "done";
        })
        .AddActivity<string?, int>("A", (_, _, _) => Task.FromResult(1))
        .AddActivity<string?, int>("Changed", (_, _, _) => Task.FromResult(1));

    private static int Count(ConcurrentDictionary<string, int> calls, string name, int result)
    {
        calls.AddOrUpdate(name, 1, (_, count) => count + 1);
        return result;
    }
}
