using System.Collections.Concurrent;
using Azure.Storage.Blobs.Specialized;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class OwnershipTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Discovery_TwoRuntimesRaceForSameInstances_EachActivityRunsOnce()
    {
        const int instances = 10;
        var container = RuntimeHost.NewContainerName();
        var calls = new ConcurrentDictionary<string, int>();
        void Register(LocalRuntimeBuilder runtime, string process) => runtime
            .AddOrchestrator<string, string>("Three", async (context, _) =>
            {
                var owners = new List<string>();
                foreach (var step in new[] { "a", "b", "c" })
                {
                    owners.Add(await context.CallActivityAsync<string>("Step", $"{context.InstanceId}/{step}"));
                }

                return string.Join(",", owners);
            })
            .AddActivity<string, string>("Step", (_, key, _) =>
            {
                calls.AddOrUpdate(key, 1, (_, count) => count + 1);
                return Task.FromResult(process);
            });

        await using var a = await RuntimeHost.StartAsync(azurite, container, r => Register(r, "a"), start: false);
        await using var b = await RuntimeHost.StartAsync(azurite, container, r => Register(r, "b"), start: false);
        var ids = Enumerable.Range(1, instances).Select(i => $"shared-{i}").ToList();
        foreach (var id in ids)
        {
            await a.Client.ScheduleNewOrchestrationInstanceAsync("Three", null, id);
        }

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var finished = new List<OrchestrationInstance>();
        foreach (var id in ids)
        {
            finished.Add(await a.WaitForFinishAsync(id));
        }

        Assert.All(finished, i => Assert.Equal(OrchestrationRuntimeStatus.Completed, i.RuntimeStatus));
        Assert.Equal(instances * 3, calls.Count);
        Assert.All(calls, call => Assert.Equal(1, call.Value));
    }

    [Fact]
    public async Task Discovery_OwnerCrashes_OtherRuntimeTakesOverAfterLeaseLapses()
    {
        var container = RuntimeHost.NewContainerName();
        var ranOn = new ConcurrentQueue<string>();
        void Register(LocalRuntimeBuilder runtime, string process) => runtime
            .AddOrchestrator<string?, string>("Handover", async (context, _) =>
            {
                await context.CallActivityAsync<string>("Record", "first");
                var value = await context.WaitForExternalEvent<string>("go");
                await context.CallActivityAsync<string>("Record", "second");
                return value;
            })
            .AddActivity<string, string>("Record", (_, step, _) =>
            {
                ranOn.Enqueue($"{step}@{process}");
                return Task.FromResult(step);
            });

        await using var owner = await RuntimeHost.StartAsync(azurite, container, r => Register(r, "owner"));
        var id = await owner.Client.ScheduleNewOrchestrationInstanceAsync("Handover", null, "handover-1");
        await owner.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
        await using var standby = await RuntimeHost.StartAsync(azurite, container, r => Register(r, "standby"));
        await owner.CrashAsync();
        await standby.Client.RaiseEventAsync(id, "go", "carried on");
        var instance = await standby.WaitForFinishAsync(id, TakeoverTimeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("\"carried on\"", instance.SerializedOutput);
        Assert.Equal(["first@owner", "second@standby"], ranOn);
    }

    [Fact]
    public async Task KeepLease_LeaseTakenByAnother_StopsWorkingUntilLeaseIsFreeAgain()
    {
        var container = RuntimeHost.NewContainerName();
        static void Register(LocalRuntimeBuilder runtime) => runtime
            .AddOrchestrator<string?, string>("Wait", (context, _) => context.WaitForExternalEvent<string>("go"));
        await using var owner = await RuntimeHost.StartAsync(azurite, container, Register);
        await using var other = await RuntimeHost.StartAsync(azurite, container, Register, start: false);

        var id = await owner.Client.ScheduleNewOrchestrationInstanceAsync("Wait", null, "stolen-1");
        await owner.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
        var thief = owner.Storage.Lock(id).GetBlobLeaseClient();
        await thief.BreakAsync(TimeSpan.Zero);
        await thief.AcquireAsync(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(!owner.Runtime.Owns(id)), "the owner to notice its lost lease");
        await other.Client.RaiseEventAsync(id, "go", "after release");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var whileStolen = await owner.ReadJournalAsync(id);
        await thief.ReleaseAsync();
        var instance = await owner.WaitForFinishAsync(id);

        Assert.DoesNotContain(whileStolen.Entries, e => e.Type == JournalEntryType.EventRaised);
        Assert.Equal("\"after release\"", instance.SerializedOutput);
    }

    [Fact]
    public async Task StopAsync_Graceful_ReleasesLeaseForImmediateTakeover()
    {
        var container = RuntimeHost.NewContainerName();
        static void Register(LocalRuntimeBuilder runtime) => runtime
            .AddOrchestrator<string?, string>("Wait", (context, _) => context.WaitForExternalEvent<string>("go"));

        await using var first = await RuntimeHost.StartAsync(azurite, container, Register);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Wait", null, "graceful-1");
        await first.WaitForJournalAsync(id, j => j.Entries.Any(e => e.Type == JournalEntryType.EventWaitStarted));
        await first.StopAsync();
        var properties = await first.Storage.Lock(id).GetPropertiesAsync();

        Assert.Equal(Azure.Storage.Blobs.Models.LeaseState.Available, properties.Value.LeaseState);
    }
}
