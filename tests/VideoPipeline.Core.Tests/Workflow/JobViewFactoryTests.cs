using System.Text.Json;
using Microsoft.DurableTask.Client;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Workflow;

public class JobViewFactoryTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    private static readonly OutputView Archived = new("videos", "job-1.mp4", "http://blob/videos/job-1.mp4", 1024, "video/mp4", "ab");

    private static readonly VideoJobResult Succeeded = new()
    {
        Status = JobStatus.Succeeded,
        Output = Archived,
        ProviderTaskId = "task-1",
        ProviderStatus = "completed",
        Timings = new JobTimings(Start, CompletedAt: Start.AddSeconds(40)),
    };

    private static readonly VideoJobInput Input = new(
        "job-1",
        new JobRequest { Provider = ProviderName.FoxApi, Model = "sora-2", Prompt = "waves" },
        new JobPlan
        {
            WaitMode = WaitMode.Poll,
            Deadline = TimeSpan.FromMinutes(30),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            Container = "videos",
            BlobName = "job-1.mp4",
        });

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status, JobProgress progress) =>
        new(ActivityNames.Orchestrator, "job-1")
        {
            RuntimeStatus = status,
            SerializedInput = JsonSerializer.Serialize(Input, PipelineJson.Options),
            SerializedCustomStatus = JsonSerializer.Serialize(progress, PipelineJson.Options),
        };

    [Fact]
    public void Create_RunningInstanceWhoseJobEnded_ShowsTheOutcomeWithItsOutput()
    {
        var view = JobViewFactory.Create(Instance(OrchestrationRuntimeStatus.Running,
            new JobProgress { Status = JobStatus.Succeeded, Phase = "Archived", Progress = 100, Result = Succeeded }));

        Assert.Equal(JobStatus.Succeeded, view.Status);
        Assert.Equal(Archived, view.Output);
        Assert.Equal(Start.AddSeconds(40), view.CompletedAt);
        Assert.Equal("task-1", view.Provider.TaskId);
    }

    [Fact]
    public void Create_RunningInstanceStillGenerating_ShowsItsProgressWithoutCompletion()
    {
        var view = JobViewFactory.Create(Instance(OrchestrationRuntimeStatus.Running,
            new JobProgress { Status = JobStatus.Generating, Phase = "Provider status 'processing'", Progress = 40, ProviderTaskId = "task-1" }));

        Assert.Equal(JobStatus.Generating, view.Status);
        Assert.Equal(40, view.Progress);
        Assert.Null(view.Output?.Sha256);
        Assert.Null(view.CompletedAt);
    }

    [Fact]
    public void Create_FailedInstanceAfterTheJobEnded_ReportsTheEngineFailure()
    {
        var view = JobViewFactory.Create(Instance(OrchestrationRuntimeStatus.Failed,
            new JobProgress { Status = JobStatus.Succeeded, Phase = "Archived", Progress = 100, Result = Succeeded }));

        Assert.Equal(JobStatus.Failed, view.Status);
        Assert.Equal("internal_error", view.Error?.Code);
    }
}
