using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Admission;

public class TaskSlotStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly ShiftedTimeProvider _time = new();
    private readonly string _container = $"state-{Guid.NewGuid():N}";

    private TaskSlotStore Store() => new(
        new BlobServiceClient(azurite.ConnectionString),
        Options.Create(new PipelineOptions { StateContainer = _container }),
        _time,
        NullLogger<TaskSlotStore>.Instance);

    [Fact]
    public async Task AcquireAsync_UpToCapacity_GrantsDistinctSlotsThenBusy()
    {
        var store = Store();

        var grants = new List<TaskSlotGrant>();
        for (var i = 0; i < 3; i++)
        {
            grants.Add(await store.AcquireAsync(ProviderName.Apixo, $"job-{i}", 3, Lease, CancellationToken.None));
        }

        var busy = await store.AcquireAsync(ProviderName.Apixo, "job-3", 3, Lease, CancellationToken.None);

        Assert.All(grants, g => Assert.True(g.IsGranted));
        Assert.Equal([0, 1, 2], grants.Select(g => g.Slot!.Value).Order());
        Assert.False(busy.IsGranted);
        Assert.Equal(3, busy.InUse);
    }

    [Fact]
    public async Task AcquireAsync_ManyJobsAtOnce_NeverMoreHoldersThanSlots()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Store()).ToList();

        var grants = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            stores[i % stores.Count].AcquireAsync(ProviderName.Apixo, $"job-{i}", 5, Lease, CancellationToken.None)));

        var slots = await Store().ListAsync(ProviderName.Apixo, CancellationToken.None);
        Assert.Equal(5, grants.Count(g => g.IsGranted));
        Assert.Equal(5, slots.Count(s => s.IsTakenAt(_time.GetUtcNow())));
        Assert.Equal(grants.Where(g => g.IsGranted).Select(g => g.Slot!.Value).Order(), slots.Select(s => s.Number));
    }

    [Fact]
    public async Task AcquireAsync_SameJobAgain_RenewsItsOwnSlot()
    {
        var store = Store();
        var first = await store.AcquireAsync(ProviderName.Apixo, "job-a", 2, Lease, CancellationToken.None);
        _time.Offset = TimeSpan.FromMinutes(3);

        var again = await store.AcquireAsync(ProviderName.Apixo, "job-a", 2, Lease, CancellationToken.None);

        Assert.Equal(first.Slot, again.Slot);
        Assert.Equal(1, again.InUse);
        var slot = (await store.ListAsync(ProviderName.Apixo, CancellationToken.None)).Single();
        Assert.True(slot.ExpiresAt > _time.GetUtcNow() + TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task AcquireAsync_HolderStoppedRenewing_SlotIsTakenOverAfterLease()
    {
        var store = Store();
        await store.AcquireAsync(ProviderName.Apixo, "job-dead", 1, Lease, CancellationToken.None);
        var whileHeld = await store.AcquireAsync(ProviderName.Apixo, "job-b", 1, Lease, CancellationToken.None);

        _time.Offset = Lease + TimeSpan.FromSeconds(1);
        var afterLapse = await store.AcquireAsync(ProviderName.Apixo, "job-b", 1, Lease, CancellationToken.None);

        Assert.False(whileHeld.IsGranted);
        Assert.True(afterLapse.IsGranted);
        Assert.False(await store.ReleaseAsync(ProviderName.Apixo, "job-dead", 0, CancellationToken.None));
        Assert.Equal("job-b", (await store.ListAsync(ProviderName.Apixo, CancellationToken.None)).Single().Holder);
    }

    [Fact]
    public async Task ReleaseAsync_Holder_FreesSlotOnceAndOnlyForItsHolder()
    {
        var store = Store();
        var grant = await store.AcquireAsync(ProviderName.Apixo, "job-a", 1, Lease, CancellationToken.None);

        Assert.False(await store.ReleaseAsync(ProviderName.Apixo, "job-other", grant.Slot!.Value, CancellationToken.None));
        Assert.True(await store.ReleaseAsync(ProviderName.Apixo, "job-a", grant.Slot!.Value, CancellationToken.None));
        Assert.False(await store.ReleaseAsync(ProviderName.Apixo, "job-a", grant.Slot!.Value, CancellationToken.None));

        var next = await store.AcquireAsync(ProviderName.Apixo, "job-b", 1, Lease, CancellationToken.None);
        Assert.True(next.IsGranted);
    }

    [Fact]
    public async Task AcquireAsync_Providers_HaveSeparateSlots()
    {
        var store = Store();
        await store.AcquireAsync(ProviderName.Apixo, "job-a", 1, Lease, CancellationToken.None);

        var other = await store.AcquireAsync(ProviderName.FoxApi, "job-b", 1, Lease, CancellationToken.None);

        Assert.True(other.IsGranted);
    }

    [Fact]
    public void RetryDelay_GrowsToTheMaximumWithJitter()
    {
        var settings = new AdmissionOptions
        {
            SlotRetryInterval = TimeSpan.FromSeconds(2), MaxSlotRetryInterval = TimeSpan.FromSeconds(30),
        };

        var first = AcquireTaskSlotActivity.RetryDelay(1, settings);
        var third = AcquireTaskSlotActivity.RetryDelay(3, settings);
        var late = AcquireTaskSlotActivity.RetryDelay(50, settings);

        Assert.InRange(first.TotalSeconds, 1.5, 2.5);
        Assert.InRange(third.TotalSeconds, 6, 10);
        Assert.InRange(late.TotalSeconds, 22.5, 37.5);
    }
}
