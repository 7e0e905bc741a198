using System.Net;
using System.Text.Json.Nodes;
using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests.Telemetry;

/// <summary>Readiness when storage goes away under a running host: its own stack, since the test stops Azurite.</summary>
public sealed class ReadinessFailureTests : IAsyncLifetime
{
    private readonly PipelineStack _stack = new();

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task GetReady_AzuriteStopped_Returns503ProblemNamingEachDependency()
    {
        await _stack.Azurite.DisposeAsync();

        using var ready = await _stack.Http.GetAsync("/api/ready");
        using var health = await _stack.Http.GetAsync("/api/health");

        var problem = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, problem.ToJsonString());
        Assert.Equal("application/problem+json", ready.Content.Headers.ContentType!.MediaType);
        Assert.Equal(503, problem["status"]!.GetValue<int>());
        foreach (var dependency in new[] { "blobStorage", "queueStorage", "taskHub" })
        {
            var check = problem["checks"]![dependency]!;
            Assert.Equal("unhealthy", check["status"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(check["error"]?.GetValue<string>()), problem.ToJsonString());
            Assert.Contains(dependency, problem["detail"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
