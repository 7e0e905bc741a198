using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Storage;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Admission;

public class TaskSlotStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly ShiftedTimeProvider _time = new();

    // Queue times are fixed points, so that a job asking again asks for the same place; the clock moves on meanwhile.
    private readonly DateTimeOffset _t0 = TimeProvider.System.GetUtcNow();
    private readonly string _container = $"state-{Guid.NewGuid():N}";

    private TaskSlotStore Store() => new(
        new PipelineStateContainer(
            new BlobServiceClient(azurite.ConnectionString),
            Options.Create(new PipelineOptions { StateContainer = _container })),
        _time,
        NullLogger<TaskSlotStore>.Instance);

    /// <summary>Asks for a slot as a job that started waiting at <paramref name="queuedAt"/> after the test's start.</summary>
    private Task<TaskSlotGrant> AdmitAsync(TaskSlotStore store, string jobId, int capacity, TimeSpan? queuedAt = null) =>
        store.AdmitAsync(ProviderName.Apixo, jobId, capacity, _t0 + (queuedAt ?? _time.Offset), Lease, CancellationToken.None);

    private static Task<IReadOnlyList<TaskSlotHandover>> ReleaseAsync(TaskSlotStore store, string jobId) =>
        store.ReleaseAsync(ProviderName.Apixo, jobId, Lease, CancellationToken.None);

    private static async Task<List<string>> WaitingAsync(TaskSlotStore store) =>
        (await store.ListWaitingAsync(ProviderName.Apixo, CancellationToken.None)).Select(w => w.JobId).ToList();

    private async Task<List<string?>> HoldersAsync(TaskSlotStore store) =>
        (await store.ListAsync(ProviderName.Apixo, CancellationToken.None))
        .Where(s => s.IsTakenAt(_time.GetUtcNow()))
        .Select(s => s.Holder)
        .ToList();

    [Fact]
    public async Task AdmitAsync_UpToCapacity_GrantsDistinctSlotsThenQueues()
    {
        var store = Store();

        var grants = new List<TaskSlotGrant>();
        for (var i = 0; i < 3; i++)
        {
            grants.Add(await AdmitAsync(store, $"job-{i}", 3));
        }

        var busy = await AdmitAsync(store, "job-3", 3);

        Assert.All(grants, g => Assert.True(g.IsGranted));
        Assert.Equal([0, 1, 2], grants.Select(g => g.Slot!.Value).Order());
        Assert.False(busy.IsGranted);
        Assert.Equal(3, busy.InUse);
        Assert.Equal(["job-3"], await WaitingAsync(store));
    }

    [Fact]
    public async Task AdmitAsync_ManyJobsAtOnce_NeverMoreHoldersThanSlots()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Store()).ToList();

        var grants = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => AdmitAsync(stores[i % stores.Count], $"job-{i}", 5)));

        var slots = await Store().ListAsync(ProviderName.Apixo, CancellationToken.None);
        Assert.Equal(5, grants.Count(g => g.IsGranted));
        Assert.Equal(5, slots.Count(s => s.IsTakenAt(_time.GetUtcNow())));
        Assert.Equal(grants.Where(g => g.IsGranted).Select(g => g.Slot!.Value).Order(), slots.Select(s => s.Number));
        Assert.Equal(19, (await WaitingAsync(Store())).Count);
    }

    [Fact]
    public async Task RenewAsync_Holder_ExtendsItsOwnSlot()
    {
        var store = Store();
        var first = await AdmitAsync(store, "job-a", 2);
        _time.Offset = TimeSpan.FromMinutes(3);

        var again = await store.RenewAsync(ProviderName.Apixo, "job-a", 2, Lease, CancellationToken.None);

        Assert.Equal(first.Slot, again.Slot);
        Assert.Equal(1, again.InUse);
        var slot = (await store.ListAsync(ProviderName.Apixo, CancellationToken.None)).Single();
        Assert.True(slot.ExpiresAt > _time.GetUtcNow() + TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task ReleaseAsync_JobsWaiting_HandsTheSlotToTheOldestWaiter()
    {
        var store = Store();
        await AdmitAsync(store, "job-holder", 1);
        await AdmitAsync(store, "job-young", 1, queuedAt: TimeSpan.FromSeconds(-10));
        await AdmitAsync(store, "job-old", 1, queuedAt: TimeSpan.FromSeconds(-20));

        var handovers = await ReleaseAsync(store, "job-holder");

        var handover = Assert.Single(handovers);
        Assert.Equal("job-old", handover.JobId);
        Assert.True(handover.Grant.IsGranted);
        Assert.Equal(["job-old"], await HoldersAsync(store));
        Assert.Equal(["job-young"], await WaitingAsync(store));

        // The waiter that was handed the slot gets the same slot back when it asks (e.g. after a lost event).
        var asked = await AdmitAsync(store, "job-old", 1, queuedAt: TimeSpan.FromSeconds(-20));
        Assert.Equal(handover.Grant.Slot, asked.Slot);
    }

    [Fact]
    public async Task ReleaseAsync_RunTwice_ReportsTheSameHandoverAndHandsNothingElse()
    {
        var store = Store();
        await AdmitAsync(store, "job-holder", 1);
        await AdmitAsync(store, "job-first", 1, queuedAt: TimeSpan.FromSeconds(-20));
        await AdmitAsync(store, "job-second", 1, queuedAt: TimeSpan.FromSeconds(-10));

        var first = await ReleaseAsync(store, "job-holder");
        var again = await ReleaseAsync(store, "job-holder");

        Assert.Equal(first.Select(h => (h.JobId, h.Grant.Slot)), again.Select(h => (h.JobId, h.Grant.Slot)));
        Assert.Equal(["job-first"], await HoldersAsync(store));
        Assert.Equal(["job-second"], await WaitingAsync(store));
    }

    [Fact]
    public async Task ReleaseAsync_NobodyWaiting_FreesTheSlot()
    {
        var store = Store();
        await AdmitAsync(store, "job-a", 1);

        Assert.Empty(await ReleaseAsync(store, "job-a"));
        Assert.Empty(await ReleaseAsync(store, "job-other"));

        Assert.True((await AdmitAsync(store, "job-b", 1)).IsGranted);
    }

    [Fact]
    public async Task ReleaseAsync_WaitingJobEnds_LeavesTheQueue()
    {
        var store = Store();
        await AdmitAsync(store, "job-holder", 1);
        await AdmitAsync(store, "job-cancelled", 1, queuedAt: TimeSpan.FromSeconds(-20));
        await AdmitAsync(store, "job-next", 1, queuedAt: TimeSpan.FromSeconds(-10));

        Assert.Empty(await ReleaseAsync(store, "job-cancelled"));
        var handovers = await ReleaseAsync(store, "job-holder");

        Assert.Equal(["job-next"], handovers.Select(h => h.JobId));
        Assert.Empty(await WaitingAsync(store));
    }

    [Fact]
    public async Task AdmitAsync_FreeSlotButOlderJobsWaiting_QueuesBehindThem()
    {
        var store = Store();
        await AdmitAsync(store, "job-dead", 1);
        _time.Offset = TimeSpan.FromMinutes(4);
        Assert.False((await AdmitAsync(store, "job-old", 1)).IsGranted);

        // job-dead's hold lapsed; job-old's place in the queue has not.
        _time.Offset = Lease + TimeSpan.FromSeconds(1);
        var young = await AdmitAsync(store, "job-young", 1);
        var old = await AdmitAsync(store, "job-old", 1, queuedAt: TimeSpan.FromMinutes(4));

        Assert.False(young.IsGranted);
        Assert.True(old.IsGranted);
        Assert.Equal(["job-old"], await HoldersAsync(store));
        Assert.Equal(["job-young"], await WaitingAsync(store));
    }

    [Fact]
    public async Task AdmitAsync_HolderStoppedRenewing_SlotIsTakenOverAfterLease()
    {
        var store = Store();
        await AdmitAsync(store, "job-dead", 1);
        var whileHeld = await AdmitAsync(store, "job-b", 1);

        _time.Offset = Lease + TimeSpan.FromSeconds(1);
        var afterLapse = await AdmitAsync(store, "job-b", 1, queuedAt: TimeSpan.Zero);

        Assert.False(whileHeld.IsGranted);
        Assert.True(afterLapse.IsGranted);
        Assert.Empty(await ReleaseAsync(store, "job-dead"));
        Assert.Equal(["job-b"], await HoldersAsync(store));
    }

    [Fact]
    public async Task AdmitAsync_FirstInQueue_IsToldToLookAgainWhenAHoldLapses()
    {
        var store = Store();
        await AdmitAsync(store, "job-a", 1);
        _time.Offset = TimeSpan.FromMinutes(4);

        var busy = await AdmitAsync(store, "job-b", 1);

        Assert.False(busy.IsGranted);
        Assert.InRange(busy.RetryAfter!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task RenewAsync_HoldLapsedAndSlotTaken_GetsNoneWithoutQueueing()
    {
        var store = Store();
        await AdmitAsync(store, "job-slow", 1);
        _time.Offset = Lease + TimeSpan.FromSeconds(1);
        await AdmitAsync(store, "job-other", 1);

        var renewed = await store.RenewAsync(ProviderName.Apixo, "job-slow", 1, Lease, CancellationToken.None);

        Assert.False(renewed.IsGranted);
        Assert.Equal(["job-other"], await HoldersAsync(store));
        Assert.Empty(await WaitingAsync(store));
    }

    [Fact]
    public async Task ReleaseAsync_ManyReleasesAtOnce_EachSlotGoesToOneOfTheOldestWaitersAndRunsAgainReportTheSame()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Store()).ToList();
        for (var i = 0; i < 3; i++)
        {
            await AdmitAsync(stores[0], $"job-holder-{i}", 3);
        }

        for (var i = 0; i < 6; i++)
        {
            await AdmitAsync(stores[0], $"job-waiting-{i}", 3, queuedAt: TimeSpan.FromSeconds(i - 60));
        }

        var releases = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReleaseAsync(stores[i], $"job-holder-{i}")));
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReleaseAsync(stores[(i + 1) % 3], $"job-holder-{i}")));

        var handedTo = releases.Select(r => Assert.Single(r)).Select(h => (h.JobId, h.Grant.Slot!.Value)).ToList();
        Assert.Equal(["job-waiting-0", "job-waiting-1", "job-waiting-2"], handedTo.Select(h => h.JobId).Order());
        Assert.Equal([0, 1, 2], handedTo.Select(h => h.Value).Order());
        Assert.Equal(handedTo, again.Select(r => Assert.Single(r)).Select(h => (h.JobId, h.Grant.Slot!.Value)));
        Assert.Equal(["job-waiting-0", "job-waiting-1", "job-waiting-2"], (await HoldersAsync(stores[0])).Order());
        Assert.Equal(["job-waiting-3", "job-waiting-4", "job-waiting-5"], await WaitingAsync(stores[0]));
    }

    [Fact]
    public async Task AdmitAsync_Providers_HaveSeparateSlots()
    {
        var store = Store();
        await AdmitAsync(store, "job-a", 1);

        var other = await store.AdmitAsync(ProviderName.FoxApi, "job-b", 1, _t0, Lease, CancellationToken.None);

        Assert.True(other.IsGranted);
    }

    [Fact]
    public void RecheckDelay_NoHint_IsTheRecheckIntervalWithJitter()
    {
        var settings = new AdmissionOptions { SlotRecheckInterval = TimeSpan.FromSeconds(60) };

        var delays = Enumerable.Range(0, 20).Select(_ => AcquireTaskSlotActivity.RecheckDelay(null, settings)).ToList();

        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 45, 75));
        Assert.True(delays.Distinct().Count() > 1);
    }

    [Fact]
    public void RecheckDelay_HoldLapsesSooner_LooksJustAfterTheLapse()
    {
        var settings = new AdmissionOptions { SlotRecheckInterval = TimeSpan.FromSeconds(60) };

        var delay = AcquireTaskSlotActivity.RecheckDelay(TimeSpan.FromSeconds(10), settings);

        Assert.Equal(TimeSpan.FromSeconds(11), delay);
    }
}
