using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>Fetches a provider task's status: the authoritative answer, whatever a callback claimed.</summary>
public sealed class CheckVideoStatusActivity(IVideoProviderResolver providers)
    : IPipelineActivity<ProviderTaskRef, ProviderCallResult>
{
    public async Task<ProviderCallResult> RunAsync(ProviderTaskRef task, CancellationToken cancellationToken)
    {
        using var span = JobTrace.StartForTask(ActivityNames.CheckStatus, task);
        try
        {
            var status = await providers.GetClient(task.Provider).GetStatusAsync(task.Model, task.TaskId, cancellationToken);
            span?.SetTag(TelemetryTags.ProviderStatus, status.RawStatus);
            return ProviderCallResult.Ok(status);
        }
        catch (ProviderException e)
        {
            JobTrace.SetError(span, e.Code);
            return ProviderCallResult.Failed(new ActivityError(e.Code, e.Message, e.IsTransient, e.RetryAfter));
        }
    }
}
