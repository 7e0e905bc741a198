using System.Net;
using System.Text.Json.Nodes;
using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests.Telemetry;

/// <summary>The local host's telemetry switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, its readiness probe and the trace link.</summary>
public class LocalHostTelemetryTests(TelemetryStack stack) : IClassFixture<TelemetryStack>
{
    [Fact]
    public async Task StartVideoJob_OtlpEndpointSet_ExportsTracesAndMetricsAndTheJobHasATraceId()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=1]"), "poll"));
        var job = await stack.WaitForEndAsync(id);

        Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
        Assert.Matches("^[0-9a-f]{32}$", job["traceId"]?.GetValue<string>());
        await Eventually.TrueAsync(
            () => Task.FromResult(stack.ExportsTo("/v1/traces") > 0 && stack.ExportsTo("/v1/metrics") > 0),
            "OTLP exports of traces and metrics");
    }

    [Fact]
    public async Task GetReady_StorageAndTaskHubUp_Returns200WithEachDependencyHealthy()
    {
        using var response = await stack.Http.GetAsync("/api/ready");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("ready", body["status"]!.GetValue<string>());
        foreach (var dependency in new[] { "blobStorage", "queueStorage", "taskHub" })
        {
            Assert.Equal("healthy", body["checks"]![dependency]!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task GetDashboard_TraceUrlTemplateSet_GivesThePageTheTemplate()
    {
        var page = await stack.Http.GetStringAsync("/api/dashboard");

        Assert.Contains(
            $"<meta name=\"trace-url-template\" content=\"{WebUtility.HtmlEncode(TelemetryStack.TraceUrlTemplate)}\">", page);
    }
}
