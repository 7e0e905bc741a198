using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing.Workflow;

namespace VideoPipeline.Bench.Polling;

/// <summary>
/// One job through the real <see cref="VideoJobOrchestrator"/> in virtual time, against a provider that behaves like the
/// emulator: pending for the first 10 % of the generation time (progress 0), then processing with progress rising
/// linearly from 1 to 99, then completed with a result URL. Submission answers at once, like the emulator's.
/// </summary>
internal static class WorkflowSimulation
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Uri ResultUrl = new("https://provider.example/files/result.mp4");

    /// <param name="plan">The job's plan (wait mode, intervals, typical time).</param>
    /// <param name="generation">How long the provider takes.</param>
    /// <param name="reportsProgress">Whether status answers carry <c>progress</c> (FoxAPI, OpenAI) or not.</param>
    /// <param name="callbackAfter">When the provider's callback reaches the workflow, after completion; null when it never does.</param>
    public static JobOutcome Run(JobPlan plan, TimeSpan generation, bool reportsProgress, TimeSpan? callbackAfter)
    {
        var context = new VirtualTimeOrchestrationContext(Start) { Id = "job-simulated" };
        var statusCalls = 0;
        DateTime? detectedAt = null;

        context.OnActivity<SubmitJobInput>(ActivityNames.Submit, _ => ProviderCallResult.Ok(Snapshot(TimeSpan.Zero, generation, reportsProgress)));
        context.OnActivity<ProviderTaskRef>(ActivityNames.CheckStatus, _ =>
        {
            statusCalls++;
            var task = Snapshot(context.CurrentUtcDateTime - Start, generation, reportsProgress);
            if (task.Status == ProviderTaskStatus.Succeeded)
            {
                detectedAt ??= context.CurrentUtcDateTime;
            }

            return ProviderCallResult.Ok(task);
        });
        context.OnActivity<ArchiveVideoInput>(ActivityNames.Archive, _ => new ArchiveVideoResult(new OutputView(plan.Container, plan.BlobName), null));
        if (callbackAfter is { } delay)
        {
            context.RaiseAt(generation + delay, EventNames.ProviderCallback, new CallbackHint("task-simulated", "completed"));
        }

        var request = new JobRequest { Provider = ProviderName.FoxApi, Model = "sora-2", Prompt = "polling simulation" };
        var result = context.Run(c => new VideoJobOrchestrator().RunAsync(c, new VideoJobInput("job-simulated", request, plan)));
        if (result.Status != JobStatus.Succeeded || detectedAt is null)
        {
            throw new InvalidOperationException($"The simulated job ended {result.Status}: {result.Error?.Message}");
        }

        return new JobOutcome((detectedAt.Value - Start - generation).TotalSeconds, statusCalls);
    }

    /// <summary>The emulator's task lifecycle (src/VideoPipeline.Emulator/Tasks/TaskLifecycle.cs) at one instant.</summary>
    private static ProviderTask Snapshot(TimeSpan elapsed, TimeSpan generation, bool reportsProgress)
    {
        if (elapsed >= generation)
        {
            return new ProviderTask("task-simulated", ProviderTaskStatus.Succeeded, "completed", reportsProgress ? 100 : null, ResultUrls: [ResultUrl]);
        }

        var pending = generation * 0.1;
        if (elapsed < pending)
        {
            return new ProviderTask("task-simulated", ProviderTaskStatus.Pending, "pending", reportsProgress ? 0 : null);
        }

        var share = (elapsed - pending) / (generation - pending);
        var progress = Math.Clamp(1 + (int)(share * 98), 1, 99);
        return new ProviderTask("task-simulated", ProviderTaskStatus.Running, "processing", reportsProgress ? progress : null);
    }
}
