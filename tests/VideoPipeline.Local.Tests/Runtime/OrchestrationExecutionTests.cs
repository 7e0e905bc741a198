using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class OrchestrationExecutionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SequentialActivities_CompletesWithOutput()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string, string>("Greet", async (context, name) =>
            {
                var upper = await context.CallActivityAsync<string>("Upper", name);
                return await context.CallActivityAsync<string>("Exclaim", upper);
            })
            .AddActivity<string, string>("Upper", (_, text, _) => Task.FromResult(text.ToUpperInvariant()))
            .AddActivity<string, string>("Exclaim", (_, text, _) => Task.FromResult(text + "!")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greet", "ada", "greet-1");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal("greet-1", id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("Greet", instance.Name);
        Assert.Equal("\"ada\"", instance.SerializedInput);
        Assert.Equal("\"ADA!\"", instance.SerializedOutput);
        var journal = await host.ReadJournalAsync(id);
        Assert.Equal(
            [
                JournalEntryType.ExecutionStarted, JournalEntryType.OrchestratorStarted,
                JournalEntryType.ActivityScheduled, JournalEntryType.ActivityCompleted,
                JournalEntryType.ActivityScheduled, JournalEntryType.ActivityCompleted,
                JournalEntryType.ExecutionCompleted,
            ],
            journal.Entries.Select(e => e.Type));
        await Eventually.TrueAsync(
            async () => !await host.Storage.Lock(id).ExistsAsync(), "the lock of a finished instance to go");
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesActivityFailedException()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Catch", async (context, _) =>
            {
                try
                {
                    await context.CallActivityAsync<string>("Boom");
                    return "not thrown";
                }
                catch (ActivityFailedException e)
                {
                    return $"{e.ActivityName}|{e.FailureType}|{e.FailureMessage}";
                }
            })
            .AddActivity<string?, string>("Boom", (_, _, _) => throw new InvalidOperationException("boom")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catch", null, "catch-1");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("\"Boom|System.InvalidOperationException|boom\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrowsUncaught_InstanceFailsWithActivityMessage()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Uncaught", (context, _) => context.CallActivityAsync<string>("Boom"))
            .AddActivity<string?, string>("Boom", (_, _, _) => throw new InvalidOperationException("boom")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Uncaught", null, "uncaught-1");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("Activity 'Boom' failed: System.InvalidOperationException: boom", instance.FailureMessage);
    }

    [Fact]
    public async Task CallActivityAsync_UnregisteredActivity_SurfacesAsActivityFailure()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Missing", (context, _) => context.CallActivityAsync<string>("Nowhere")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Missing", null, "missing-1");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("No activity named 'Nowhere'", instance.FailureMessage);
    }

    [Fact]
    public async Task SetCustomStatus_WhileWaiting_VisibleToClientBeforeCompletion()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Progress", async (context, _) =>
            {
                context.SetCustomStatus(new { Phase = "waiting", Progress = 40 });
                var value = await context.WaitForExternalEvent<string>("go");
                context.SetCustomStatus(new { Phase = "done", Progress = 100 });
                return value;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Progress", null, "progress-1");
        var running = await host.WaitForInstanceAsync(id, i => i.SerializedCustomStatus is not null);
        var listed = await host.Client
            .QueryInstancesAsync(new OrchestrationQuery(FetchInputsAndOutputs: true, InstanceIdPrefix: id))
            .SingleAsync();
        var withoutData = await host.Client.GetInstanceAsync(id);
        await host.Client.RaiseEventAsync(id, "go", "ok");
        var finished = await host.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("{\"phase\":\"waiting\",\"progress\":40}", running.SerializedCustomStatus);
        Assert.Equal(running.SerializedCustomStatus, listed.SerializedCustomStatus);
        Assert.Null(withoutData!.SerializedCustomStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("{\"phase\":\"done\",\"progress\":100}", finished.SerializedCustomStatus);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ExistingId_ReturnsExistingAndChangesNothing()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string, string>("Echo", async (context, input) =>
            {
                await context.WaitForExternalEvent<string>("go");
                return input;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "first", "echo-1");
        var waiting = await host.WaitForJournalAsync(
            id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
        var again = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "second", "echo-1");
        var unchanged = await host.ReadJournalAsync(id);
        await host.Client.RaiseEventAsync(id, "go");
        var finished = await host.WaitForFinishAsync(id);
        var afterFinish = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "third", "echo-1");
        var stillFinished = await host.ReadJournalAsync(id);

        Assert.Equal(id, again);
        Assert.Equal(id, afterFinish);
        Assert.Equal(waiting.ETag, unchanged.ETag);
        Assert.Equal("\"first\"", finished.SerializedInput);
        Assert.Equal("\"first\"", finished.SerializedOutput);
        Assert.Equal(finished.LastUpdatedAt, stillFinished.LastModified);
        Assert.False(await host.Storage.Lock(id).ExistsAsync());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnregisteredOrchestrator_Throws()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), _ => { });

        await Assert.ThrowsAsync<ArgumentException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Nope", null, "nope-1"));
        Assert.Null(await host.Client.GetInstanceAsync("nope-1"));
    }

    [Fact]
    public async Task CreateTimer_ShortTimer_FiresAndAdvancesCurrentUtcDateTime()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, DateTime[]>("Nap", async (context, _) =>
            {
                var fireAt = context.CurrentUtcDateTime.AddMilliseconds(300);
                await context.CreateTimer(fireAt, CancellationToken.None);
                return [fireAt, context.CurrentUtcDateTime];
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Nap", null, "nap-1");
        await host.WaitForFinishAsync(id);
        var journal = await host.ReadJournalAsync(id);
        var times = System.Text.Json.JsonSerializer.Deserialize<DateTime[]>(journal.OutputJson!)!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, journal.Status);
        Assert.True(times[1] >= times[0], $"CurrentUtcDateTime {times[1]:O} is before the fire time {times[0]:O}.");
        Assert.Single(journal.Entries, e => e.Type == JournalEntryType.TimerFired);
    }

    [Fact]
    public async Task CreateTimer_TokenCancelled_TaskCancelledAndTimerNeverFires()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Cancel", async (context, _) =>
            {
                using var cancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), cancellation.Token);
                cancellation.Cancel();
                try
                {
                    await timer;
                    return "fired";
                }
                catch (TaskCanceledException)
                {
                    return "cancelled";
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Cancel", null, "cancel-1");
        var instance = await host.WaitForFinishAsync(id);
        var entries = (await host.ReadJournalAsync(id)).Entries;

        Assert.Equal("\"cancelled\"", instance.SerializedOutput);
        Assert.Single(entries, e => e.Type == JournalEntryType.TimerCreated);
        Assert.DoesNotContain(entries, e => e.Type == JournalEntryType.TimerFired);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_EarlierStartDiedBeforeFirstLine_FinishesCreation()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string, string>("Echo", (_, input) => Task.FromResult(input)));
        await host.Storage.Journal("half-1").CreateAsync();

        var before = await host.Client.GetInstanceAsync("half-1");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "whole", "half-1");
        var instance = await host.WaitForFinishAsync("half-1");

        Assert.Null(before);
        Assert.Equal("\"whole\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task CreateTimer_OrchestratorAwaitsTaskDelay_InstanceFailsLoudly()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Sleepy", async (_, _) =>
            {
                await Task.Delay(10);
                return "slept";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleepy", null, "sleepy-1");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("not a durable task", instance.FailureMessage);
    }
}
