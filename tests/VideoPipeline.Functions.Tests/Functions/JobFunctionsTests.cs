using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Functions.Tests.Hosting;
using VideoPipeline.Testing;
using VideoPipeline.Testing.Contract;

namespace VideoPipeline.Functions.Tests.Functions;

/// <summary>
/// Jobs through the Functions app's own trigger functions: its HTTP functions start and read them, its orchestrator and
/// activity functions run them on the Durable Task engine over Azurite, and the emulator plays the providers. The job
/// API's contract (<see cref="JobContractTests"/>: every dialect and wait mode to a verified blob, idempotent retries,
/// bad input, unknown jobs, cancel) runs here as on the local host.
/// </summary>
public class JobFunctionsTests(FunctionsAppHost app) : JobContractTests, IClassFixture<FunctionsAppHost>
{
    protected override PipelineUnderTest Pipeline => app;

    [Fact]
    public async Task ProviderCallback_ForgedToken_Returns401AndTheJobKeepsPolling()
    {
        var id = await app.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=2]"), "poll"));

        using var forged = await app.Http.PostAsJsonAsync($"/api/callbacks/foxapi/{id}?token=forged", new { id = "task-x", status = "completed" });
        var job = await app.WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
    }

    [Fact]
    public async Task OpenAiWebhook_MissingSignatureHeaders_Returns400()
    {
        using var response = await app.Http.PostAsJsonAsync("/api/webhooks/openai", new { type = "video.completed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_StorageAndTaskHubUp_Returns200WithEachDependencyHealthy()
    {
        using var response = await app.Http.GetAsync("/api/ready");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("ready", body["status"]!.GetValue<string>());
        Assert.All(new[] { "blobStorage", "queueStorage", "taskHub" },
            dependency => Assert.Equal("healthy", body["checks"]![dependency]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ListVideoJobs_InvalidLimit_Returns400AndHealthAnswers200()
    {
        using var list = await app.Http.GetAsync("/api/videos?limit=0");
        using var health = await app.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
