using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class ScaleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TwoHundredConcurrentInstances_AllComplete()
    {
        const int instances = 200;
        await using var host = await RuntimeHost.StartAsync(azurite, RuntimeHost.NewContainerName(), runtime => runtime
            .AddOrchestrator<int, int>("Poll", async (context, n) =>
            {
                var submitted = await context.CallActivityAsync<int>("Double", n);
                await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
                return await context.CallActivityAsync<int>("Double", submitted);
            })
            .AddActivity<int, int>("Double", (_, n, _) => Task.FromResult(n * 2)));

        await Task.WhenAll(Enumerable.Range(0, instances).Select(
            n => host.Client.ScheduleNewOrchestrationInstanceAsync("Poll", n, $"poll-{n}")));
        var completed = await Eventually.GetAsync(
            () => host.Client
                .QueryInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed]))
                .CountAsync()
                .AsTask(),
            count => count == instances,
            TimeSpan.FromMinutes(5),
            $"{instances} completed instances");
        var sample = await host.Client.GetInstanceAsync("poll-21", getInputsAndOutputs: true);

        Assert.Equal(instances, completed);
        Assert.Equal("84", sample!.SerializedOutput);
    }
}
