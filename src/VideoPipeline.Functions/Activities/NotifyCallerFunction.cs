using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Posts the signed job outcome to the caller's notifyUrl. Exposes Core's <see cref="NotifyCallerActivity"/> as the activity <c>NotifyCaller</c>.</summary>
public sealed class NotifyCallerFunction(NotifyCallerActivity activity)
{
    [Function(ActivityNames.Notify)]
    public Task<bool> RunAsync([ActivityTrigger] NotifyInput input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
