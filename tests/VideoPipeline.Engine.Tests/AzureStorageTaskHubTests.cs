using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage.Partitioning;
using Microsoft.DurableTask.Client;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Engine.Tests.Tasks;
using VideoPipeline.Testing;

namespace VideoPipeline.Engine.Tests;

/// <summary>The task hub the engine creates on Azure Storage, as the pipeline's Functions host would find it.</summary>
public sealed class AzureStorageTaskHubTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly CancellationTokenSource _guard = new(EngineHost.Guard);

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task StartAsync_NewTaskHub_CreatesTheQueuesTablesAndContainersDurableFunctionsUses()
    {
        await using var host = await EngineHost.StartAsync(Backends.AzureStorage(azurite.ConnectionString, "LayoutHub", "layout-worker"));

        // An input too big for a queue message goes to the large-message container.
        var large = new TestTasks.Greeting(new string('x', 100 * 1024), 1);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, large, _guard.Token);
        var instance = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, _guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(large, instance.ReadOutputAs<TestTasks.EchoResult>()!.Greeting);
        Assert.Equal(
            ["layouthub-control-00", "layouthub-control-01", "layouthub-control-02", "layouthub-control-03", "layouthub-workitems"],
            await ToSortedListAsync(new QueueServiceClient(azurite.ConnectionString).GetQueuesAsync(prefix: "layouthub", cancellationToken: _guard.Token), q => q.Name));
        Assert.Equal(
            ["LayoutHubHistory", "LayoutHubInstances", "LayoutHubPartitions"],
            (await ToSortedListAsync(new TableServiceClient(azurite.ConnectionString).QueryAsync(cancellationToken: _guard.Token), t => t.Name))
                .Where(name => name.StartsWith("LayoutHub", StringComparison.Ordinal)));
        Assert.Equal(
            ["layouthub-applease", "layouthub-largemessages"],
            await ToSortedListAsync(new BlobServiceClient(azurite.ConnectionString).GetBlobContainersAsync(prefix: "layouthub", cancellationToken: _guard.Token), c => c.Name));
    }

    [Fact]
    public async Task StartAsync_OneWorker_OwnsEveryPartitionUnderItsWorkerId()
    {
        await using var host = await EngineHost.StartAsync(Backends.AzureStorage(azurite.ConnectionString, "OwnerHub", "owner-worker"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Now, _guard.Token);
        await host.Client.WaitForInstanceCompletionAsync(id, _guard.Token);
        var partitions = new TableClient(azurite.ConnectionString, "OwnerHubPartitions");

        var owners = new List<string?>();
        while (owners.Count < 4 || owners.Contains(null))
        {
            await Task.Delay(200, _guard.Token);
            owners = await ToSortedListAsync<TablePartitionLease, string?>(
                partitions.QueryAsync<TablePartitionLease>(cancellationToken: _guard.Token), p => p.CurrentOwner);
        }

        Assert.All(owners, owner => Assert.Equal("owner-worker", owner));
    }

    private static async Task<List<TResult>> ToSortedListAsync<T, TResult>(IAsyncEnumerable<T> items, Func<T, TResult> select)
        where T : notnull
    {
        var results = new List<TResult>();
        await foreach (var item in items)
        {
            results.Add(select(item));
        }

        return [.. results.Order()];
    }
}
