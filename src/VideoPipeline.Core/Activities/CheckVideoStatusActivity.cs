using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>Fetches a provider task's status: the authoritative answer, whatever a callback claimed.</summary>
public sealed class CheckVideoStatusActivity(IVideoProviderResolver providers)
    : IPipelineActivity<ProviderTaskRef, ProviderCallResult>
{
    public async Task<ProviderCallResult> RunAsync(ProviderTaskRef task, CancellationToken cancellationToken)
    {
        try
        {
            return ProviderCallResult.Ok(await providers.GetClient(task.Provider).GetStatusAsync(task.Model, task.TaskId, cancellationToken));
        }
        catch (ProviderException e)
        {
            return ProviderCallResult.Failed(new ActivityError(e.Code, e.Message, e.IsTransient, e.RetryAfter));
        }
    }
}
