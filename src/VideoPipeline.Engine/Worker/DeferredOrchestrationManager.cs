using DurableTask.Core;

namespace VideoPipeline.Engine;

/// <summary>
/// Finds no orchestration by itself: the worker's middleware creates and runs every orchestrator from the SDK's task
/// registry, in a service scope of its own.
/// </summary>
internal sealed class DeferredOrchestrationManager : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Register orchestrators with the Durable Task SDK's registry (AddTasks).");

    public TaskOrchestration? GetObject(string name, string? version) => null;
}
