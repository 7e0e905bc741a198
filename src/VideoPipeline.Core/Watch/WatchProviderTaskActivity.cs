using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// Registers a waiting job's provider task with the task watch. Writing the registration again (a repeat of the
/// activity, or a job registering after a check of its own) only moves the task's next check.
/// </summary>
public sealed class WatchProviderTaskActivity(TaskWatchRegistry registry, TaskWatchSweeper sweeper) : IPipelineActivity<WatchedTask, bool>
{
    public async Task<bool> RunAsync(WatchedTask input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var etag = await registry.SaveAsync(input, cancellationToken);
        sweeper.Track(input, etag);
        return true;
    }
}
