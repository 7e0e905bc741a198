using Azure.Storage.Blobs.Models;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class ExternalEventTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WaitForExternalEvent_EventRaisedBeforeWait_DeliversBufferedEvent()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Late", async (context, _) =>
            {
                await context.CallActivityAsync<bool>("Gate");
                return await context.WaitForExternalEvent<string>("e");
            })
            .AddGate(gate));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", null, "late-1");
        await host.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.ActivityScheduled));
        await host.Client.RaiseEventAsync(id, "e", "hello");
        await host.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventRaised));
        gate.SetResult();
        var instance = await host.WaitForFinishAsync(id);
        var types = (await host.ReadJournalAsync(id)).Entries.Select(e => e.Type).ToList();

        Assert.Equal("\"hello\"", instance.SerializedOutput);
        Assert.True(
            types.IndexOf(JournalEntryType.EventRaised) < types.IndexOf(JournalEntryType.EventWaitStarted),
            "The event should have been journaled before the orchestrator waited for it.");
    }

    [Fact]
    public async Task WaitForExternalEvent_SeveralEventsRaisedBeforeWaits_DeliveredInRaiseOrder()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Collect", async (context, _) =>
            {
                await context.CallActivityAsync<bool>("Gate");
                var received = new List<int>();
                for (var i = 0; i < 5; i++)
                {
                    received.Add(await context.WaitForExternalEvent<int>("number"));
                }

                return string.Join(",", received);
            })
            .AddGate(gate));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collect", null, "collect-1");
        await host.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.ActivityScheduled));
        for (var i = 1; i <= 5; i++)
        {
            await host.Client.RaiseEventAsync(id, "number", i);
            await host.Client.RaiseEventAsync(id, "other", -i);
        }

        gate.SetResult();
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal("\"1,2,3,4,5\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task WaitForExternalEvent_WaiterCancelledAfterLosingRace_DoesNotConsumeLaterEvent()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Abandon", async (context, _) =>
            {
                using var cancellation = new CancellationTokenSource();
                var first = context.WaitForExternalEvent<string>("e", cancellation.Token);
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(200), CancellationToken.None);
                var winner = await Task.WhenAny(first, timer);
                cancellation.Cancel();
                context.SetCustomStatus("cancelled");
                await context.WaitForExternalEvent<string>("go");
                var second = await context.WaitForExternalEvent<string>("e");
                return $"{(winner == timer ? "timer" : "event")}|{first.IsCanceled}|{second}";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Abandon", null, "abandon-1");
        await host.WaitForInstanceAsync(id, i => i.SerializedCustomStatus == "\"cancelled\"");
        await host.Client.RaiseEventAsync(id, "e", "payload");
        await host.Client.RaiseEventAsync(id, "go");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal("\"timer|True|payload\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task WaitForExternalEvent_NewestWaiterCancelled_EventGoesToRemainingWaiter()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("TwoWaiters", async (context, _) =>
            {
                var live = context.WaitForExternalEvent<string>("e");
                using var cancellation = new CancellationTokenSource();
                var cancelled = context.WaitForExternalEvent<string>("e", cancellation.Token);
                cancellation.Cancel();
                context.SetCustomStatus("ready");
                return $"{await live}|{cancelled.IsCanceled}";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoWaiters", null, "two-waiters-1");
        await host.WaitForInstanceAsync(id, i => i.SerializedCustomStatus == "\"ready\"");
        await host.Client.RaiseEventAsync(id, "e", "x");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal("\"x|True\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsOrchestrationNotFound()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), _ => { });

        var error = await Assert.ThrowsAsync<OrchestrationNotFoundException>(
            () => host.Client.RaiseEventAsync("nobody", "e", "x"));

        Assert.Equal("nobody", error.InstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_InboxItemRedeliveredAfterJournaling_IsNotDeliveredTwice()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Twice", async (context, _) =>
            {
                var a = await context.WaitForExternalEvent<string>("e");
                context.SetCustomStatus("first");
                var b = await context.WaitForExternalEvent<string>("e");
                return $"{a},{b}";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Twice", null, "twice-1");
        await host.Client.RaiseEventAsync(id, "e", "a");
        var journal = await host.WaitForJournalAsync(id, j => j.CustomStatusJson == "\"first\"");
        var raised = journal.Entries.Single(e => e.Type == JournalEntryType.EventRaised);

        // What a crash between "journaled" and "inbox item deleted" leaves behind.
        var leftover = host.Storage.InboxItem(id, raised.EventId!);
        await leftover.UploadAsync(BinaryData.FromObjectAsJson(
            new InboxItem(raised.EventId!, InboxItemKind.Event, "e", raised.Data, raised.At), PipelineJson.Options));
        await Eventually.TrueAsync(async () => !await leftover.ExistsAsync(), "the redelivered item to be dropped");
        await host.Client.RaiseEventAsync(id, "e", "b");
        var instance = await host.WaitForFinishAsync(id);

        Assert.Equal("\"a,b\"", instance.SerializedOutput);
        Assert.Equal(2, (await host.ReadJournalAsync(id)).Entries.Count(e => e.Type == JournalEntryType.EventRaised));
    }

    [Fact]
    public async Task RaiseEventAsync_FromAnotherProcess_ReachesOwnerThroughInbox()
    {
        var container = RuntimeHost.NewContainerName();
        await using var owner = await RuntimeHost.StartAsync(azurite, container, runtime => runtime
            .AddOrchestrator<string?, string>("Listen", (context, _) => context.WaitForExternalEvent<string>("e")));
        await using var other = await RuntimeHost.StartAsync(
            azurite, container, runtime => runtime.AddOrchestrator<string?, string>("Listen", (_, _) => Task.FromResult("")),
            start: false);

        var id = await owner.Client.ScheduleNewOrchestrationInstanceAsync("Listen", null, "listen-1");
        await owner.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
        await other.Client.RaiseEventAsync(id, "e", "from afar");
        var instance = await owner.WaitForFinishAsync(id);

        Assert.Equal("\"from afar\"", instance.SerializedOutput);
        Assert.Empty(await owner.Storage.Container
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: RuntimeStorage.InboxPrefix(id), cancellationToken: CancellationToken.None)
            .ToListAsync());
    }
}
