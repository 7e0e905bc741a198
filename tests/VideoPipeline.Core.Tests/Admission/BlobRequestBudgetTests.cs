using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Admission;

public class BlobRequestBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ShiftedTimeProvider _time = new();
    private readonly string _container = $"state-{Guid.NewGuid():N}";

    private BlobRequestBudget Budget(int requestsPerMinute, TimeSpan? maxWait = null) => new(
        new BlobServiceClient(azurite.ConnectionString),
        Options.Create(new PipelineOptions { StateContainer = _container }),
        Options.Create(new ProvidersOptions { Apixo = new ProviderConnectionOptions { RequestsPerMinute = requestsPerMinute } }),
        Options.Create(new AdmissionOptions { RequestWindowMargin = TimeSpan.Zero, MaxRequestWait = maxWait ?? TimeSpan.Zero }),
        _time,
        NullLogger<BlobRequestBudget>.Instance);

    [Fact]
    public async Task AcquireAsync_BudgetSpent_RefusesWithTimeUntilTheOldestRequestLeavesTheMinute()
    {
        using var budget = Budget(3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None)).IsAcquired);
        }

        _time.Offset = TimeSpan.FromSeconds(20);
        var refused = await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None);

        Assert.False(refused.IsAcquired);
        Assert.InRange(refused.RetryAfter!.Value.TotalSeconds, 38, 40.5);
    }

    [Fact]
    public async Task AcquireAsync_TwoProcesses_ShareOneBudget()
    {
        using var first = Budget(3);
        using var second = Budget(3);

        var results = new[]
        {
            await first.AcquireAsync(ProviderName.Apixo, CancellationToken.None),
            await second.AcquireAsync(ProviderName.Apixo, CancellationToken.None),
            await first.AcquireAsync(ProviderName.Apixo, CancellationToken.None),
            await second.AcquireAsync(ProviderName.Apixo, CancellationToken.None),
        };

        Assert.Equal([true, true, true, false], results.Select(r => r.IsAcquired));
    }

    [Fact]
    public async Task AcquireAsync_ManyAtOnce_AcquiresExactlyTheLimitWithinTheMinute()
    {
        var budgets = Enumerable.Range(0, 3).Select(_ => Budget(10, maxWait: TimeSpan.FromSeconds(20))).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            budgets[i % budgets.Count].AcquireAsync(ProviderName.Apixo, CancellationToken.None).AsTask()));

        Assert.Equal(10, results.Count(r => r.IsAcquired));
        budgets.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_RoomWithinMaxWait_WaitsForItInsteadOfRefusing()
    {
        using var budget = Budget(2, maxWait: TimeSpan.FromSeconds(10));
        await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None);
        await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None);

        _time.Offset = TimeSpan.FromSeconds(59.5);
        var waited = await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None);

        Assert.True(waited.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_AfterTheMinute_AcquiresAgain()
    {
        using var budget = Budget(1);
        await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None);

        _time.Offset = TimeSpan.FromSeconds(61);

        Assert.True((await budget.AcquireAsync(ProviderName.Apixo, CancellationToken.None)).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_UnlimitedProvider_AcquiresWithoutStorage()
    {
        using var budget = Budget(1);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await budget.AcquireAsync(ProviderName.FoxApi, CancellationToken.None)).IsAcquired);
        }

        Assert.False(await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_container).ExistsAsync());
    }
}
