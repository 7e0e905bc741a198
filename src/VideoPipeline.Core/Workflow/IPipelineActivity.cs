using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Core.Workflow;

/// <summary>
/// One step of the workflow that does I/O. Activities report expected failures in their result (see
/// <see cref="ActivityError"/>) rather than by throwing, so the orchestrator decides what to retry. The engine may run an
/// activity more than once (at-least-once), so each must be safe to repeat.
/// </summary>
public interface IPipelineActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
