using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// The context an orchestration trigger function receives. The SDK's shims hand an orchestrator its input already
/// deserialized to the orchestrator's declared type; an orchestration function declares none and asks for it with
/// <see cref="GetInput{T}"/>, which the Durable Functions extension answers by deserializing the raw input. This context
/// does the same and passes everything else to the engine's context.
/// </summary>
internal sealed class FunctionOrchestrationContext(TaskOrchestrationContext inner, JsonElement? input, DataConverter converter)
    : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override ParentOrchestrationInstance? Parent => inner.Parent;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override TaskOrchestrationEntityFeature Entities => inner.Entities;

    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;

    protected override ILoggerFactory LoggerFactory => inner.ReplaySafeLoggerFactory;

    public override T? GetInput<T>() where T : default =>
        input is { } raw ? converter.Deserialize<T>(raw.GetRawText()) : default;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
