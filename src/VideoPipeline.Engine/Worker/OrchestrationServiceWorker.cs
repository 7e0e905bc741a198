using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Engine;

/// <summary>
/// Runs DurableTask.Core's <see cref="TaskHubWorker"/> over an <see cref="IOrchestrationService"/> with the
/// orchestrators and activities of the SDK's task registry, wrapped by the SDK's shims.
/// </summary>
/// <remarks>
/// Each orchestration episode and each activity invocation gets its own service scope; an activity's scope lives until
/// the activity finishes. Unknown orchestrator or activity names fail the instance or the activity call instead of
/// being retried. On host shutdown the worker stops taking activities, lets running ones finish until the host's
/// shutdown timeout, hands the unfinished ones back to the task hub (another worker runs them again), and only then
/// stops the orchestration service and the orchestration dispatcher.
/// </remarks>
internal sealed class OrchestrationServiceWorker : DurableTaskWorker
{
    private readonly IOrchestrationService _service;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;
    private readonly TaskHubWorker _worker;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _handBack = new();
    private readonly ConcurrentDictionary<Task, byte> _runningActivities = new();
    private volatile bool _started;

    public OrchestrationServiceWorker(
        string name,
        IDurableTaskFactory factory,
        IOptionsMonitor<OrchestrationServiceWorkerOptions> options,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        var workerOptions = options.Get(name);
        _service = workerOptions.Service ?? throw new InvalidOperationException("The worker has no orchestration service.");
        _services = services;
        _shims = new DurableTaskShimFactory(workerOptions, loggerFactory);
        _logger = loggerFactory.CreateLogger<OrchestrationServiceWorker>();
        _worker = new TaskHubWorker(_service, new DeferredOrchestrationManager(), new DeferredActivityManager(), loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddOrchestrationDispatcherMiddleware(RunOrchestratorAsync);
        _worker.AddActivityDispatcherMiddleware(RunActivityAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled on stop: a half-started TaskHubWorker cannot be stopped cleanly, so stopping waits for the start.
        await _service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        _started = true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_started || _handBack.IsCancellationRequested)
        {
            return;
        }

        // The dispatcher's own graceful stop covers reporting each result (for up to a few seconds); the tracked
        // activities cover activities that run longer, until the host's shutdown timeout.
        var draining = _worker.TaskActivityDispatcher?.StopAsync(forced: false) ?? Task.CompletedTask;
        try
        {
            await Task.WhenAll(draining, Task.WhenAll(_runningActivities.Keys)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(
                "The host's shutdown timeout passed with {Count} activities still running; they go back to the task hub.",
                _runningActivities.Count);
        }
        finally
        {
            await _handBack.CancelAsync();
        }

        // The service first, while orchestrations still run: Azure Storage hands its partitions over only once the
        // messages it has already fetched are processed; otherwise they stay hidden until their visibility timeout.
        await _service.StopAsync();
        await _worker.StopAsync();
    }

    public override void Dispose()
    {
        _worker.Dispose();
        _handBack.Dispose();
        base.Dispose();
    }

    private async Task RunOrchestratorAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var state = context.GetProperty<OrchestrationRuntimeState>();
        await using (var scope = _services.CreateAsyncScope())
        {
            context.SetProperty(ExecuteOrchestrator(state, scope.ServiceProvider));
        }

        await next();
    }

    private OrchestratorExecutionResult ExecuteOrchestrator(OrchestrationRuntimeState state, IServiceProvider services)
    {
        var name = new TaskName(state.Name);
        ITaskOrchestrator? orchestrator;
        try
        {
            if (!Factory.TryCreateOrchestrator(name, services, out orchestrator))
            {
                return Failed(new InvalidOperationException($"No orchestrator named '{name}' is registered with this worker."));
            }
        }
        catch (Exception e)
        {
            return Failed(e);
        }

        var parent = state.ParentInstance is { } p
            ? new ParentOrchestrationInstance(new TaskName(p.Name), p.OrchestrationInstance.InstanceId)
            : null;
        var executor = new TaskOrchestrationExecutor(
            Replayable(state),
            _shims.CreateOrchestration(name, orchestrator, parent),
            _service.EventBehaviourForContinueAsNew,
            ErrorPropagationMode.UseFailureDetails);
        return executor.Execute();
    }

    /// <summary>
    /// The state to replay the orchestrator from: every event before this episode as past, this episode's as new. In an
    /// extended session the dispatcher keeps one state across episodes and clears its new events after each, so the
    /// events of the session's earlier episodes are in <see cref="OrchestrationRuntimeState.Events"/> but in neither
    /// <see cref="OrchestrationRuntimeState.PastEvents"/> nor <see cref="OrchestrationRuntimeState.NewEvents"/>, which
    /// are all an executor replays.
    /// </summary>
    private static OrchestrationRuntimeState Replayable(OrchestrationRuntimeState state)
    {
        if (state.PastEvents.Count + state.NewEvents.Count == state.Events.Count)
        {
            return state;
        }

        var replay = new OrchestrationRuntimeState(state.Events.Take(state.Events.Count - state.NewEvents.Count).ToList());
        foreach (var newEvent in state.NewEvents)
        {
            replay.AddEvent(newEvent);
        }

        return replay;
    }

    private static OrchestratorExecutionResult Failed(Exception cause) => new()
    {
        Actions =
        [
            new OrchestrationCompleteOrchestratorAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                Result = cause.Message,
                FailureDetails = new FailureDetails(cause),
            },
        ],
    };

    private async Task RunActivityAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var run = RunActivityInScopeAsync(context, next);
        _runningActivities.TryAdd(run, 0);
        _ = run.ContinueWith(finished => _runningActivities.TryRemove(finished, out _), TaskScheduler.Default);
        try
        {
            await run.WaitAsync(_handBack.Token);
        }
        catch (OperationCanceledException) when (_handBack.IsCancellationRequested)
        {
            // The dispatcher abandons the work item on this exception, which makes the message visible to other workers.
            throw new SessionAbortedException("The worker stopped before the activity finished; the task hub delivers it again.");
        }
    }

    private async Task RunActivityInScopeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var scheduled = context.GetProperty<TaskScheduledEvent>();

        // The dispatcher rejects a scheduled activity without a name before any middleware runs.
        var name = new TaskName(scheduled.Name!);
        await using var scope = _services.CreateAsyncScope();
        ITaskActivity? activity;
        try
        {
            if (!Factory.TryCreateActivity(name, scope.ServiceProvider, out activity))
            {
                Fail(context, scheduled, new InvalidOperationException($"No activity named '{name}' is registered with this worker."));
                return;
            }
        }
        catch (Exception e)
        {
            Fail(context, scheduled, e);
            return;
        }

        ((DeferredTaskActivity)context.GetProperty<TaskActivity>()).RunAs(_shims.CreateActivity(name, activity));
        await next();
    }

    private static void Fail(DispatchMiddlewareContext context, TaskScheduledEvent scheduled, Exception cause) =>
        context.SetProperty(new ActivityExecutionResult
        {
            ResponseEvent = new TaskFailedEvent(-1, scheduled.EventId, cause.Message, details: null, new FailureDetails(cause)),
        });
}
