using DurableTask.Core;

namespace VideoPipeline.Engine;

/// <summary>
/// The activity the dispatcher runs: a placeholder that the worker's middleware points at the SDK activity shim
/// created in the invocation's own service scope.
/// </summary>
internal sealed class DeferredTaskActivity : TaskActivity
{
    private TaskActivity? _activity;

    public void RunAs(TaskActivity activity) => _activity = activity;

    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("The activity dispatcher runs activities asynchronously.");

    public override Task<string> RunAsync(TaskContext context, string input) =>
        (_activity ?? throw new InvalidOperationException("The worker's middleware did not provide the activity."))
            .RunAsync(context, input);
}
