using Microsoft.DurableTask;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Core.Workflow;

/// <summary>
/// The orchestrator and every activity of a job, in one place. The local host registers them on its engine with
/// <see cref="AddVideoPipelineTasks"/>; the Functions host exposes each under the same name with a thin trigger function,
/// and its tests check the built function metadata against <see cref="Activities"/>.
/// </summary>
public static class VideoPipelineTasks
{
    public static IReadOnlyList<PipelineActivity> Activities { get; } =
    [
        PipelineActivity.For<SubmitVideoJobActivity, SubmitJobInput, ProviderCallResult>(ActivityNames.Submit),
        PipelineActivity.For<CheckVideoStatusActivity, ProviderTaskRef, ProviderCallResult>(ActivityNames.CheckStatus),
        PipelineActivity.For<WatchProviderTaskActivity, WatchedTask, bool>(ActivityNames.WatchTask),
        PipelineActivity.For<ArchiveVideoActivity, ArchiveVideoInput, ArchiveVideoResult>(ActivityNames.Archive),
        PipelineActivity.For<CancelProviderTaskActivity, ProviderTaskRef, bool>(ActivityNames.Cancel),
        PipelineActivity.For<DeleteProviderVideoActivity, ProviderTaskRef, bool>(ActivityNames.Delete),
        PipelineActivity.For<NotifyCallerActivity, NotifyInput, bool>(ActivityNames.Notify),
        PipelineActivity.For<RecordJobOutcomeActivity, JobOutcome, bool>(ActivityNames.RecordOutcome),
        PipelineActivity.For<AcquireTaskSlotActivity, TaskSlotRequest, TaskSlotGrant>(ActivityNames.AcquireTaskSlot),
        PipelineActivity.For<ReleaseTaskSlotActivity, TaskSlotRelease, IReadOnlyList<TaskSlotHandover>>(ActivityNames.ReleaseTaskSlot),
    ];

    /// <summary>Registers the job orchestrator and its activities; the activities' dependencies come from the host's container.</summary>
    public static DurableTaskRegistry AddVideoPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<VideoJobOrchestrator>(ActivityNames.Orchestrator);
        foreach (var activity in Activities)
        {
            registry.AddActivity(activity.Name, activity.Create);
        }

        return registry;
    }
}
