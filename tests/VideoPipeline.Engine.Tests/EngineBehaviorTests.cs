using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Engine.Tests.Tasks;
using static VideoPipeline.Engine.Tests.Tasks.TestTasks;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace VideoPipeline.Engine.Tests;

/// <summary>
/// What the engine's worker and client do, on every orchestration service a subclass runs them on. Instance IDs are
/// unique per test, since the tests of a class share one task hub.
/// </summary>
public abstract class EngineBehaviorTests(EngineFixture fixture) : IDisposable
{
    private readonly CancellationTokenSource _guard = new(EngineHost.Guard);
    private readonly string _prefix = $"t{Guid.NewGuid():N}-";

    /// <summary>How much earlier than due the service may deliver a timer or a delayed start.</summary>
    protected virtual TimeSpan TimerGranularity => TimeSpan.Zero;

    private DurableTaskClient Client => fixture.Host.Client;

    private CancellationToken Guard => _guard.Token;

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ActivitiesWithScopedService_EachRunsInItsOwnScopeUntilItFinishes()
    {
        var id = await StartAsync(Echo, new Greeting("Ada", 2));

        var result = (await CompletedAsync(id)).ReadOutputAs<EchoResult>()!;

        var probes = fixture.Host.Services.GetRequiredService<ProbeLog>();
        Assert.Equal(2, result.Scopes.Distinct().Count());
        Assert.All(result.Scopes, probe => Assert.True(probes.WasDisposed(probe)));
    }

    [Fact]
    public async Task GetInstanceAsync_WithInputsAndOutputs_ReturnsPayloadsInTheConfiguredConverterFormat()
    {
        var id = await StartAsync(Echo, new Greeting("Ada", 3));
        await CompletedAsync(id);

        var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Guard);

        Assert.NotNull(instance);
        Assert.Equal(Echo, instance.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("""{"name":"Ada","count":3}""", instance.SerializedInput);
        Assert.StartsWith("""{"greeting":{"name":"Ada","count":3},"scopes":[""", instance.SerializedOutput);
        Assert.Equal(new Greeting("Ada", 3), instance.ReadInputAs<Greeting>());
        Assert.True(instance.CreatedAt <= instance.LastUpdatedAt);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_LeavesPayloadsOut()
    {
        var id = await StartAsync(Echo, new Greeting("Ada", 1));
        await CompletedAsync(id);

        var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: false, Guard);

        Assert.NotNull(instance);
        Assert.Null(instance.SerializedInput);
        Assert.Null(instance.SerializedOutput);
        Assert.Throws<InvalidOperationException>(() => instance.ReadInputAs<Greeting>());
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownInstance_ReturnsNull()
    {
        Assert.Null(await Client.GetInstanceAsync($"{_prefix}nobody", getInputsAndOutputs: true, Guard));
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_UnknownInstance_ThrowsInvalidOperation()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.WaitForInstanceCompletionAsync($"{_prefix}nobody", Guard));
    }

    [Fact]
    public async Task CreateTimer_DurableTimer_ResumesNoEarlierThanItsDueTime()
    {
        var id = await StartAsync(Sleep, 2);

        var slept = (await CompletedAsync(id)).ReadOutputAs<TimeSpan>();

        Assert.True(slept >= TimeSpan.FromSeconds(2) - TimerGranularity, $"The timer resumed the orchestration after {slept}.");
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeOrchestratorWaits_EventIsBufferedUntilItWaits()
    {
        var gates = fixture.Host.Services.GetRequiredService<Gates>();
        var id = await StartAsync(Approval);
        await gates.Reached(id).WaitAsync(Guard);

        await Client.RaiseEventAsync(id, ApprovalEvent, "early", Guard);
        gates.Open(id);

        Assert.Equal("early", (await CompletedAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_WhileOrchestratorWaits_CompletesTheWait()
    {
        var gates = fixture.Host.Services.GetRequiredService<Gates>();
        var id = await StartAsync(Approval);
        gates.Open(id);
        await CustomStatusAsync<string>(id, status => status == "waiting");

        await Client.RaiseEventAsync(id, ApprovalEvent, "approved", Guard);

        Assert.Equal("approved", (await CompletedAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_RacedAgainstFreshTimersEachRound_EventWinsTheRoundItArrivesIn()
    {
        var id = await StartAsync(Race, new Rounds(Max: 1000, IntervalSeconds: 1));
        var round = await CustomStatusAsync<int>(id, round => round >= 3);

        await Client.RaiseEventAsync(id, CallbackEvent, "hello", Guard);

        var output = (await CompletedAsync(id)).ReadOutputAs<string>()!;
        Assert.Matches("^hello in round [0-9]+$", output);
        Assert.True(int.Parse(output["hello in round ".Length..]) >= round, output);
    }

    [Fact]
    public async Task WaitForExternalEvent_RacedAgainstTimersWithoutEvent_EndsAfterTheLastRound()
    {
        var id = await StartAsync(Race, new Rounds(Max: 2, IntervalSeconds: 1));

        var instance = await CompletedAsync(id);

        Assert.Equal("no callback after 2 rounds", instance.ReadOutputAs<string>());
        Assert.Equal(2, instance.ReadCustomStatusAs<int>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_EndsTerminatedWithOutput()
    {
        var id = await StartAsync(Await);
        await Client.WaitForInstanceStartAsync(id, Guard);

        await Client.TerminateInstanceAsync(id, new Note("stopped"), Guard);

        var instance = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Guard);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance.RuntimeStatus);
        Assert.Equal("""{"text":"stopped"}""", instance.SerializedOutput);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_IsDeliveredAfterResume()
    {
        var id = await StartAsync(Await);
        await Client.WaitForInstanceStartAsync(id, Guard);

        await Client.SuspendInstanceAsync(id, "maintenance", Guard);
        await StatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, GoEvent, "while suspended", Guard);
        await Client.ResumeInstanceAsync(id, "done", Guard);

        Assert.Equal("while suspended", (await CompletedAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetAllInstancesAsync_StatusPrefixAndCreatedTimeFilters_ReturnOnlyMatches()
    {
        var early = await StartAsync(Echo, new Greeting("early", 1));
        await CompletedAsync(early);

        // Creation times come from clocks with different resolutions; a few milliseconds apart, the cut is unambiguous.
        await Task.Delay(50);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var finished = await StartAsync(Echo, new Greeting("late", 1));
        var waiting = await StartAsync(Await);
        await CompletedAsync(finished);
        await Client.WaitForInstanceStartAsync(waiting, Guard);

        Assert.Equal(Sorted(early, finished, waiting), await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = _prefix }));
        Assert.Equal([waiting], await QueryIdsAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = _prefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
        }));
        Assert.Equal(Sorted(early, finished), await QueryIdsAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = _prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
        }));
        Assert.Equal(Sorted(finished, waiting), await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = _prefix, CreatedFrom = cut }));
        Assert.Equal([early], await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = _prefix, CreatedTo = cut }));
        Assert.Empty(await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = $"{_prefix}none" }));
    }

    [Fact]
    public async Task GetAllInstancesAsync_SmallPageSize_ReturnsEveryMatchAcrossPagesWithInputs()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StartAsync(Echo, new Greeting($"page{i}", 1)));
        }

        foreach (var id in ids)
        {
            await CompletedAsync(id);
        }

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery
                       {
                           InstanceIdPrefix = _prefix,
                           PageSize = 2,
                           FetchInputsAndOutputs = true,
                       }).AsPages().WithCancellation(Guard))
        {
            pages.Add(page);
        }

        var instances = pages.SelectMany(page => page.Values).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, page => Assert.True(page.Values.Count <= 2));
        Assert.All(pages.SkipLast(1), page => Assert.NotNull(page.ContinuationToken));
        Assert.Equal(ids.Order(), instances.Select(i => i.InstanceId).Order());
        Assert.All(instances, i => Assert.Equal(i.InstanceId, ids[int.Parse(i.ReadInputAs<Greeting>()!.Name["page".Length..])]));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownOrchestrator_FailsTheInstance()
    {
        var id = await StartAsync("NoSuchOrchestrator");

        var instance = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Guard);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.NotNull(instance.FailureDetails);
        Assert.True(instance.FailureDetails.IsCausedBy<InvalidOperationException>());
        Assert.Contains("'NoSuchOrchestrator'", instance.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesTaskFailedExceptionWithDetails()
    {
        var id = await StartAsync(CatchActivityFailure);

        var report = (await CompletedAsync(id)).ReadOutputAs<FailureReport>();

        Assert.Equal(new FailureReport(typeof(InvalidOperationException).FullName!, "boom"), report);
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrowsUncaught_InstanceFailsWithTheActivityFailureInside()
    {
        var id = await StartAsync(FailOnActivityFailure);

        var instance = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Guard);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.NotNull(instance.FailureDetails);
        Assert.True(instance.FailureDetails.IsCausedBy<TaskFailedException>());
        Assert.NotNull(instance.FailureDetails.InnerFailure);
        Assert.True(instance.FailureDetails.InnerFailure.IsCausedBy<InvalidOperationException>());
        Assert.Equal("boom", instance.FailureDetails.InnerFailure.ErrorMessage);
    }

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_FailsTheCallInsteadOfRetrying()
    {
        var id = await StartAsync(CallMissingActivity);

        var report = (await CompletedAsync(id)).ReadOutputAs<FailureReport>()!;

        Assert.Equal(typeof(InvalidOperationException).FullName, report.ErrorType);
        Assert.Contains($"'{MissingActivity}'", report.ErrorMessage);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfRunningInstance_ThrowsAlreadyExistsAndKeepsIt()
    {
        var id = await StartAsync(Await);
        await Client.WaitForInstanceStartAsync(id, Guard);

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync(Echo, new Greeting("again", 1), new StartOrchestrationOptions(id), Guard));

        Assert.Contains($"'{id}'", refused.Message);
        await Client.RaiseEventAsync(id, GoEvent, "kept", Guard);
        var instance = await CompletedAsync(id);
        Assert.Equal(Await, instance.Name);
        Assert.Equal("kept", instance.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfCompletedInstance_StartsANewExecution()
    {
        var id = await StartAsync(Echo, new Greeting("first", 1));
        var first = await CompletedAsync(id);

        await Client.ScheduleNewOrchestrationInstanceAsync(Echo, new Greeting("second", 1), new StartOrchestrationOptions(id), Guard);

        var second = await CompletedAsync(id);
        Assert.Equal("first", first.ReadInputAs<Greeting>()!.Name);
        Assert.Equal("second", second.ReadOutputAs<EchoResult>()!.Greeting.Name);
        Assert.True(second.CreatedAt > first.CreatedAt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfCompletedInstanceInDedupeStatuses_ThrowsAlreadyExists()
    {
        var id = await StartAsync(Echo, new Greeting("only", 1));
        await CompletedAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            Echo,
            new Greeting("again", 1),
            new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed),
            Guard));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtInTheFuture_PendsUntilThenAndStartsNoEarlier()
    {
        var later = await StartAsync(Now, options: new StartOrchestrationOptions { StartAt = DateTimeOffset.UtcNow.AddHours(1) });
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var soon = await StartAsync(Now, options: new StartOrchestrationOptions { StartAt = startAt });

        var pending = await Client.GetInstanceAsync(later, Guard);
        var started = (await CompletedAsync(soon)).ReadOutputAs<DateTime>();

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.True(started >= startAt.UtcDateTime - TimerGranularity, $"started at {started:O}, scheduled for {startAt:O}");
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedAndRunningInstances_PurgesOnlyTheFinishedOne()
    {
        var finished = await StartAsync(Echo, new Greeting("purge", 1));
        var running = await StartAsync(Await);
        await CompletedAsync(finished);
        await Client.WaitForInstanceStartAsync(running, Guard);

        var purged = await Client.PurgeInstanceAsync(finished, Guard);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(finished, Guard));
        Assert.Equal(0, (await Client.PurgeInstanceAsync(running, Guard)).PurgedInstanceCount);
        Assert.NotNull(await Client.GetInstanceAsync(running, Guard));
        Assert.Equal(0, (await Client.PurgeInstanceAsync($"{_prefix}nobody", Guard)).PurgedInstanceCount);
    }

    [Fact]
    public async Task RestartAsync_FinishedInstance_RunsItAgainWithItsInputUnderTheSameId()
    {
        var id = await StartAsync(Echo, new Greeting("again", 1));
        var first = await CompletedAsync(id);

        Assert.Equal(id, await Client.RestartAsync(id, cancellation: Guard));

        var second = await CompletedAsync(id);
        Assert.True(second.CreatedAt > first.CreatedAt);
        Assert.Equal(first.SerializedInput, second.SerializedInput);
        Assert.Equal(new Greeting("again", 1), second.ReadOutputAs<EchoResult>()!.Greeting);
    }

    [Fact]
    public async Task RestartAsync_RunningInstance_ThrowsUnlessUnderANewId()
    {
        var id = await StartAsync(Await);
        await Client.WaitForInstanceStartAsync(id, Guard);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.RestartAsync(id, cancellation: Guard));
        var copy = await Client.RestartAsync(id, restartWithNewInstanceId: true, Guard);
        await Assert.ThrowsAsync<ArgumentException>(() => Client.RestartAsync($"{_prefix}nobody", cancellation: Guard));

        Assert.NotEqual(id, copy);
        Assert.Equal(Await, (await Client.WaitForInstanceStartAsync(copy, Guard)).Name);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_CreatedRange_PurgesFinishedInstancesInIt()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var finished = new[] { await StartAsync(Echo, new Greeting("a", 1)), await StartAsync(Echo, new Greeting("b", 1)) };
        var running = await StartAsync(Await);
        foreach (var id in finished)
        {
            await CompletedAsync(id);
        }

        await Client.WaitForInstanceStartAsync(running, Guard);

        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: from), Guard);

        Assert.True(purged.PurgedInstanceCount >= finished.Length, $"{purged.PurgedInstanceCount} purged");
        Assert.Empty(await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = _prefix, Statuses = [OrchestrationRuntimeStatus.Completed] }));
        Assert.Equal([running], await QueryIdsAsync(new OrchestrationQuery { InstanceIdPrefix = _prefix }));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running]), Guard));
    }

    private async Task<string> StartAsync(string orchestrator, object? input = null, StartOrchestrationOptions? options = null)
    {
        var id = $"{_prefix}{Guid.NewGuid():N}";
        return await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, (options ?? new StartOrchestrationOptions()) with { InstanceId = id }, Guard);
    }

    private async Task<OrchestrationMetadata> CompletedAsync(string id)
    {
        var instance = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Guard);
        Assert.True(
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{id} ended {instance.RuntimeStatus}: {instance.FailureDetails}");
        return instance;
    }

    private async Task StatusAsync(string id, OrchestrationRuntimeStatus status)
    {
        while ((await Client.GetInstanceAsync(id, Guard))?.RuntimeStatus != status)
        {
            await Task.Delay(100, Guard);
        }
    }

    private async Task<T> CustomStatusAsync<T>(string id, Func<T?, bool> reached)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Guard);
            if (instance?.SerializedCustomStatus is not null && instance.ReadCustomStatusAs<T>() is var status && reached(status))
            {
                return status!;
            }

            await Task.Delay(100, Guard);
        }
    }

    private static List<string> Sorted(params string[] ids) => [.. ids.Order()];

    private async Task<List<string>> QueryIdsAsync(OrchestrationQuery query)
    {
        var ids = new List<string>();
        await foreach (var instance in Client.GetAllInstancesAsync(query).WithCancellation(Guard))
        {
            ids.Add(instance.InstanceId);
        }

        return [.. ids.Order()];
    }
}
