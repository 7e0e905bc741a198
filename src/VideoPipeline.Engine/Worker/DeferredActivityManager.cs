using DurableTask.Core;

namespace VideoPipeline.Engine;

/// <summary>
/// Answers every activity name with an empty <see cref="DeferredTaskActivity"/>. The worker's middleware fills it from
/// the SDK's task registry, so an unknown name can fail the activity instead of being retried forever by the dispatcher.
/// </summary>
internal sealed class DeferredActivityManager : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Register activities with the Durable Task SDK's registry (AddTasks).");

    public TaskActivity GetObject(string name, string? version) => new DeferredTaskActivity();
}
