using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class ClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TerminateInstanceAsync_WhileActivityRuns_EndsTerminatedAndIgnoresActivityResult()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Slow", (context, _) => context.CallActivityAsync<string>("Hang"))
            .AddActivity<string?, string>("Hang", async (_, _, _) =>
            {
                started.TrySetResult();
                await release.Task;
                returned.TrySetResult();
                return "late";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Slow", null, "slow-1");
        await started.Task.WaitAsync(RuntimeHost.DefaultTimeout);
        await host.Client.TerminateInstanceAsync(id, "stopped");
        var terminated = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        await Eventually.TrueAsync(async () => !await host.Storage.Lock(id).ExistsAsync(), "the owner to let go");
        release.SetResult();
        await returned.Task.WaitAsync(RuntimeHost.DefaultTimeout);
        await host.Client.TerminateInstanceAsync(id, "again");
        var journal = await host.ReadJournalAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated!.RuntimeStatus);
        Assert.Equal("\"stopped\"", terminated.SerializedOutput);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, journal.Status);
        Assert.Equal("\"stopped\"", journal.OutputJson);
        Assert.DoesNotContain(journal.Entries, e => e.Type == JournalEntryType.ActivityCompleted);
    }

    [Fact]
    public async Task TerminateInstanceAsync_UnknownInstance_ThrowsOrchestrationNotFound()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), _ => { });

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.TerminateInstanceAsync("nobody"));
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownInstance_ReturnsNull()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), _ => { });

        Assert.Null(await host.Client.GetInstanceAsync("nobody"));
    }

    [Fact]
    public async Task QueryInstancesAsync_WithFilters_ReturnsMatchesNewestFirst()
    {
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<string?, string>("Quick", (_, _) => Task.FromResult("quick"))
            .AddOrchestrator<string?, string>("Wait", (context, _) => context.WaitForExternalEvent<string>("go")));
        var client = host.Client;
        foreach (var (name, id) in new[] { ("Quick", "q-a-1"), ("Wait", "q-a-2"), ("Wait", "q-b-1") })
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, null, id);
            await Task.Delay(20);
        }

        async Task<List<string>> QueryAsync(OrchestrationQuery query) =>
            await client.QueryInstancesAsync(query).Select(i => i.InstanceId).ToListAsync();

        var running = new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running]);
        await Eventually.GetAsync(() => QueryAsync(running), ids => ids.Count == 2, RuntimeHost.DefaultTimeout, "two running");
        var middle = await client.GetInstanceAsync("q-a-2");

        Assert.Equal(["q-b-1", "q-a-2", "q-a-1"], await QueryAsync(new OrchestrationQuery()));
        Assert.Equal(["q-b-1", "q-a-2"], await QueryAsync(running));
        Assert.Equal(
            ["q-a-1"], await QueryAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed])));
        Assert.Equal(["q-a-2", "q-a-1"], await QueryAsync(new OrchestrationQuery(InstanceIdPrefix: "q-a")));
        Assert.Equal(["q-b-1", "q-a-2"], await QueryAsync(new OrchestrationQuery(CreatedFrom: middle!.CreatedAt)));
        Assert.Equal(["q-b-1", "q-a-2", "q-a-1"], await QueryAsync(new OrchestrationQuery(PageSize: 1)));
        var quick = await client.QueryInstancesAsync(
            new OrchestrationQuery(InstanceIdPrefix: "q-a-1", FetchInputsAndOutputs: true)).SingleAsync();
        Assert.Equal("Quick", quick.Name);
        Assert.Equal("\"quick\"", quick.SerializedOutput);
        var bare = await client.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "q-a-1")).SingleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, bare.RuntimeStatus);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal(quick.CreatedAt, bare.CreatedAt);
    }
}
