using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Records how a job ended in metrics and its trace. Exposes Core's <see cref="RecordJobOutcomeActivity"/> as the activity <c>RecordJobOutcome</c>.</summary>
public sealed class RecordJobOutcomeFunction(RecordJobOutcomeActivity activity)
{
    [Function(ActivityNames.RecordOutcome)]
    public Task<bool> RunAsync([ActivityTrigger] JobOutcome input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
