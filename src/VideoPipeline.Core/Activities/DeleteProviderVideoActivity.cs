using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>Best-effort delete of the generated video at the provider, once it is archived.</summary>
public sealed class DeleteProviderVideoActivity(IVideoProviderResolver providers, ILogger<DeleteProviderVideoActivity> logger)
    : IPipelineActivity<ProviderTaskRef, bool>
{
    public async Task<bool> RunAsync(ProviderTaskRef task, CancellationToken cancellationToken)
    {
        using var span = JobTrace.StartForTask(ActivityNames.Delete, task);
        try
        {
            return await providers.GetClient(task.Provider).DeleteAsync(task.Model, task.TaskId, cancellationToken);
        }
        catch (ProviderException e)
        {
            JobTrace.SetError(span, e.Code);
            logger.LogWarning("Deleting {Provider} video {TaskId} failed: {Code} {Message}", task.Provider, task.TaskId, e.Code, e.Message);
            return false;
        }
    }
}
