using Microsoft.DurableTask;

namespace VideoPipeline.Core.Workflow;

/// <summary>
/// A Core activity as a Durable Task SDK activity. The SDK gives activities no cancellation token; a stopping host
/// lets in-flight activities finish rather than cutting them off, because a submit cut off after sending is ambiguous
/// and would fail its job with <c>submission_outcome_unknown</c> when the engine runs it again.
/// </summary>
internal sealed class PipelineActivityTask<TInput, TOutput>(IPipelineActivity<TInput, TOutput> activity)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
        activity.RunAsync(input, CancellationToken.None);
}
