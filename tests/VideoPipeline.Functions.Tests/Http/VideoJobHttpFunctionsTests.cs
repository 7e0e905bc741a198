using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Extensions;
using VideoPipeline.Functions.Http;
using VideoPipeline.Functions.Tests.Infrastructure;
using OrchestrationRuntimeStatus = Microsoft.DurableTask.Client.OrchestrationRuntimeStatus;
using ProblemDetails = VideoPipeline.Core.Api.ProblemDetails;

namespace VideoPipeline.Functions.Tests.Http;

public sealed class VideoJobHttpFunctionsTests : IDisposable
{
    private readonly ServiceProvider _services = TestServices.Create();
    private readonly DurableClientMock _client = new();

    private VideoJobsApiFactory Apis => _services.GetRequiredService<VideoJobsApiFactory>();

    public void Dispose() => _services.Dispose();

    private static ApiResponse Answer(IActionResult result) => Assert.IsType<ApiResponseActionResult>(result).Response;

    [Fact]
    public async Task StartVideoJob_ValidBody_Returns202WithLocationAndSchedulesJobIdAsInstanceId()
    {
        var request = Requests.Create("POST", Requests.ValidJob, new Dictionary<string, string> { ["Idempotency-Key"] = "order-42" });

        var response = Answer(await new StartVideoJobFunction(Apis).RunAsync(request, _client.Object));

        var expectedId = VideoJobsApi.JobIdFor("order-42");
        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"/api/videos/{expectedId}", response.Headers!["Location"]);
        var accepted = Assert.IsType<JobAccepted>(response.Body);
        Assert.Equal(expectedId, accepted.Id);
        Assert.Equal(JobStatus.Queued, accepted.Status);
        var scheduled = Assert.Single(_client.Scheduled);
        Assert.Equal(ActivityNames.Orchestrator, scheduled.Name);
        Assert.Equal(expectedId, scheduled.InstanceId);
        var input = Assert.IsType<VideoJobInput>(scheduled.Input);
        Assert.Equal(expectedId, input.JobId);
        Assert.Equal("sora-2", input.Request.Model);
    }

    [Fact]
    public async Task StartVideoJob_SameIdempotencyKeyTwice_SchedulesOnce()
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "order-43" };
        var function = new StartVideoJobFunction(Apis);

        var first = Answer(await function.RunAsync(Requests.Create("POST", Requests.ValidJob, headers), _client.Object));
        var second = Answer(await function.RunAsync(Requests.Create("POST", Requests.ValidJob, headers), _client.Object));

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(202, second.StatusCode);
        Assert.Equal(first.Headers!["Location"], second.Headers!["Location"]);
        Assert.Single(_client.Scheduled);
    }

    [Fact]
    public async Task StartVideoJob_InvalidBody_Returns400ProblemListingFieldsAndSchedulesNothing()
    {
        var request = Requests.Create("POST", """{"provider":"replicate","prompt":""}""");

        var response = Answer(await new StartVideoJobFunction(Apis).RunAsync(request, _client.Object));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ApiResponse.ProblemContentType, response.ContentType);
        var problem = Assert.IsType<ProblemDetails>(response.Body);
        Assert.NotNull(problem.Errors);
        Assert.Contains("provider", problem.Errors.Keys);
        Assert.Contains("model", problem.Errors.Keys);
        Assert.Empty(_client.Scheduled);
        _client.Mock.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Fact]
    public async Task GetVideoJob_UnknownId_Returns404Problem()
    {
        var response = Answer(await new GetVideoJobFunction(Apis).RunAsync(Requests.Create("GET"), "job-unknown", _client.Object));

        Assert.Equal(404, response.StatusCode);
        Assert.IsType<ProblemDetails>(response.Body);
    }

    [Fact]
    public async Task CancelVideoJob_UnknownId_Returns404AndRaisesNothing()
    {
        var response = Answer(await new CancelVideoJobFunction(Apis).RunAsync(Requests.Create("POST"), "job-unknown", _client.Object));

        Assert.Equal(404, response.StatusCode);
        _client.Mock.Verify(c => c.RaiseEventAsync(
            It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ProviderCallback_BadToken_Returns401AndRaisesNoEvent()
    {
        _client.Add(new OrchestrationMetadata(ActivityNames.Orchestrator, "job-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        var request = Requests.Create("POST", """{"data":{"taskId":"t"}}""", query: "?token=not-the-token");

        var response = Answer(await new ProviderCallbackFunction(Apis).RunAsync(request, "foxapi", "job-1", _client.Object));

        Assert.Equal(401, response.StatusCode);
        _client.Mock.Verify(c => c.RaiseEventAsync(
            It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OpenAiWebhook_MissingSignatureHeaders_Returns400()
    {
        using var services = TestServices.Create(new Dictionary<string, string?>
        {
            ["Providers:OpenAi:WebhookSecret"] = "whsec_dmlkZW9waXBlbGluZS1lbXVsYXRvci13ZWJob29rcyE=",
        });
        var function = new OpenAiWebhookFunction(services.GetRequiredService<VideoJobsApiFactory>());

        var response = Answer(await function.RunAsync(Requests.Create("POST", "{}"), _client.Object));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task ListVideoJobs_InvalidLimit_Returns400()
    {
        var response = Answer(await new ListVideoJobsFunction(Apis).RunAsync(Requests.Create("GET", query: "?limit=0"), _client.Object));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public void Health_Returns200()
    {
        var response = Answer(HealthFunction.Run(Requests.Create("GET")));

        Assert.Equal(200, response.StatusCode);
    }
}
