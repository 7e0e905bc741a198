using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Engine.Tests.Tasks;

namespace VideoPipeline.Engine.Tests;

/// <summary>
/// A worker stopped with an activity in flight, and a second worker on the same task hub finishing the orchestration:
/// exactly once for the orchestration, at least once for the activity.
/// </summary>
public abstract class EngineRecoveryTests : IDisposable
{
    private readonly CancellationTokenSource _guard = new(EngineHost.Guard);
    private readonly RecoveryLog _log = new();

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task StopAsync_ShutdownTimeoutPassesWhileActivityRuns_AnotherWorkerRunsItAgainAndFinishesOnce()
    {
        var stuck = new Hold("first", _log);

        // An already cancelled token: the host's shutdown timeout has passed.
        var id = await StopWhileHeldAsync(stuck, first => first.StopAsync(new CancellationToken(canceled: true)));

        try
        {
            await using var second = await StartHostAsync("second", Hold.Released("second", _log));
            var instance = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, _guard.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
            Assert.Equal("held by second", instance.ReadOutputAs<string>());
            Assert.Equal(["first", "second"], _log.HoldStarts);
            Assert.Equal(1, _log.Counted);
        }
        finally
        {
            stuck.Release();
        }
    }

    [Fact]
    public async Task StopAsync_ActivityFinishesWithinShutdownTimeout_ResultIsKeptAndAnotherWorkerFinishesOnce()
    {
        var hold = new Hold("first", _log);
        var id = await StopWhileHeldAsync(hold, async first =>
        {
            var stopping = first.StopAsync(_guard.Token);
            hold.Release();
            await stopping;
        });

        await using var second = await StartHostAsync("second", Hold.Released("second", _log));
        var instance = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, _guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("held by first", instance.ReadOutputAs<string>());
        Assert.Equal(["first"], _log.HoldStarts);
        Assert.Equal(1, _log.Counted);
    }

    /// <summary>Starts a host named <paramref name="workerId"/> on the task hub every host of this test shares.</summary>
    protected abstract Task<EngineHost> StartHostAsync(string workerId, Action<IServiceCollection> configureServices);

    private Task<EngineHost> StartHostAsync(string workerId, Hold hold) =>
        StartHostAsync(workerId, services => services.AddSingleton(_log).AddSingleton(hold));

    /// <summary>Starts the recoverable orchestration on a first worker and stops that worker while its activity holds.</summary>
    private async Task<string> StopWhileHeldAsync(Hold hold, Func<EngineHost, Task> stop)
    {
        await using var first = await StartHostAsync("first", hold);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Recoverable, _guard.Token);
        await hold.Started.WaitAsync(_guard.Token);
        await stop(first);
        return id;
    }
}
