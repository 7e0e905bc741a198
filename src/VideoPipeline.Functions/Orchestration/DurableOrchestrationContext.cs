using Microsoft.DurableTask;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Orchestration;

/// <summary>
/// Runs Core's workflow on Durable Functions: <see cref="IOrchestrationContext"/> over the isolated worker's
/// <see cref="TaskOrchestrationContext"/>, one line per member. Serialisation of activity inputs and outputs, custom
/// status and events is the worker's <c>WorkerOptions.Serializer</c>, configured with Core's JSON options.
/// </summary>
public sealed class DurableOrchestrationContext(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null) =>
        context.CallActivityAsync<TResult>(new TaskName(name), input, options: null);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        context.WaitForExternalEvent<T>(eventName, cancellationToken);

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);
}
