using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// A provider task the watch checks for a waiting job: the input of the activity that registers it, and the content of
/// its registration. Everything the job's polling schedule needs is here, so the watch checks when the job would have.
/// </summary>
/// <param name="JobId">The job (its orchestration instance) to tell when the task ended.</param>
/// <param name="Task">The task to check.</param>
/// <param name="Plan">The job's plan (its polling intervals and the model's typical generation time).</param>
/// <param name="SubmittedAt">When the provider accepted the task: the schedule counts from it.</param>
/// <param name="Latest">The task as last reported.</param>
/// <param name="CheckedAt">When <paramref name="Latest"/> was reported.</param>
public sealed record WatchedTask(
    string JobId, ProviderTaskRef Task, JobPlan Plan, DateTime SubmittedAt, ProviderTask Latest, DateTime CheckedAt);
