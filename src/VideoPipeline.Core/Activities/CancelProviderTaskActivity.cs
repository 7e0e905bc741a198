using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>Best-effort cancel at the provider; false when the provider cannot cancel or the call failed.</summary>
public sealed class CancelProviderTaskActivity(IVideoProviderResolver providers, ILogger<CancelProviderTaskActivity> logger)
    : IPipelineActivity<ProviderTaskRef, bool>
{
    public async Task<bool> RunAsync(ProviderTaskRef task, CancellationToken cancellationToken)
    {
        using var span = JobTrace.StartForTask(ActivityNames.Cancel, task);
        try
        {
            return await providers.GetClient(task.Provider).CancelAsync(task.Model, task.TaskId, cancellationToken);
        }
        catch (ProviderException e)
        {
            JobTrace.SetError(span, e.Code);
            logger.LogWarning("Cancelling {Provider} task {TaskId} failed: {Code} {Message}", task.Provider, task.TaskId, e.Code, e.Message);
            return false;
        }
    }
}
