using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Extensions;
using VideoPipeline.Functions.Tests.Infrastructure;

namespace VideoPipeline.Functions.Tests.Extensions;

public class FunctionsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddVideoPipelineFunctions_WorkerSerializer_WritesCoreJsonThatJobViewFactoryReads()
    {
        using var services = TestServices.Create();
        var serializer = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer;
        Assert.NotNull(serializer);
        var result = new VideoJobResult
        {
            Status = JobStatus.Succeeded,
            ProviderTaskId = "video_1",
            Timings = new JobTimings(new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc)),
        };
        var input = new VideoJobInput(
            "job-1",
            new JobRequest { Provider = ProviderName.OpenAi, Model = "sora-2", Prompt = "Cat" },
            new JobPlan
            {
                WaitMode = WaitMode.Poll,
                Deadline = TimeSpan.FromMinutes(30),
                MinPollInterval = TimeSpan.FromSeconds(2),
                MaxPollInterval = TimeSpan.FromSeconds(60),
                TypicalGenerationTime = TimeSpan.FromSeconds(90),
                Container = "videos",
                BlobName = "job-1.mp4",
            });

        var serializedOutput = serializer.Serialize(result, typeof(VideoJobResult), default).ToString();
        var serializedInput = serializer.Serialize(input, typeof(VideoJobInput), default).ToString();

        using (var document = JsonDocument.Parse(serializedOutput))
        {
            Assert.Equal("succeeded", document.RootElement.GetProperty("status").GetString());
        }

        var view = JobViewFactory.Create(new OrchestrationMetadata(ActivityNames.Orchestrator, "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedInput = serializedInput,
            SerializedOutput = serializedOutput,
        });
        Assert.Equal(JobStatus.Succeeded, view.Status);
        Assert.Equal(ProviderName.OpenAi, view.Provider.Name);
        Assert.Equal("video_1", view.Provider.TaskId);
    }

    [Fact]
    public void AddVideoPipelineFunctions_ApiFactory_IsRegistered()
    {
        using var services = TestServices.Create();

        Assert.NotNull(services.GetService<VideoJobsApiFactory>());
    }
}
