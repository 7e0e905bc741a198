using Microsoft.Extensions.Options;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Watch;

namespace VideoPipeline.Core.Workflow.Planning;

/// <summary>Fixes a job's plan from configuration when it starts (see <see cref="JobPlan"/>).</summary>
public sealed class JobPlanner(
    IOptions<PipelineOptions> options,
    IOptions<StorageOptions> storage,
    IOptions<ProvidersOptions> providers,
    IOptions<AdmissionOptions> admission,
    IOptions<TaskWatchOptions> watch,
    CallbackAvailability callbacks,
    CallbackTokens tokens)
{
    public JobPlan Create(string jobId, JobRequest request, ModelDefinition model)
    {
        var settings = options.Value;
        var waitMode = callbacks.Resolve(model, request.WaitMode);
        var maxConcurrentTasks = providers.Value.For(model.Provider).MaxConcurrentTasks;
        return new JobPlan
        {
            WaitMode = waitMode,
            CallbackUrl = waitMode == WaitMode.Callback && model.Callback == CallbackKind.PerTaskUrl
                ? tokens.CallbackUrl(PipelineJson.EnumName(model.Provider), jobId)
                : null,
            Deadline = settings.JobDeadline,
            MinPollInterval = settings.MinPollInterval,
            MaxPollInterval = settings.MaxPollInterval,
            CallbackSafetyNetInterval = settings.CallbackSafetyNetInterval,
            TaskWatchSafetyNetInterval = watch.Value.Enabled ? watch.Value.SafetyNetInterval : null,
            TypicalGenerationTime = model.TypicalGenerationTime,
            ResubmitWhenOutcomeUnknown = settings.ResubmitWhenOutcomeUnknown,
            DeleteAtProvider = settings.DeleteAtProviderAfterArchive && model.SupportsDelete,
            Container = request.Output?.Container ?? storage.Value.VideosContainer,
            BlobName = request.Output?.BlobName ?? $"{jobId}.mp4",
            TaskSlots = maxConcurrentTasks > 0 ? new TaskSlotPlan(maxConcurrentTasks, admission.Value.MaxSlotWait) : null,
        };
    }
}
