using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>Job behaviour of the local host beyond the contract both hosts share (<see cref="JobContractTests"/>).</summary>
public class JobLifecycleTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [InlineData("foxapi", "CONTENT_VIOLATION", "content_violation")]
    [InlineData("apixo", "CONTENT_VIOLATION", "content_violation")]
    [InlineData("openai", "moderation_blocked", "content_violation")]
    [InlineData("foxapi", "upstream_error", "generation_failed")]
    [InlineData("apixo", "INVALID_IMAGE_URL", "invalid_input")]
    public async Task PostVideo_ProviderFailsTask_JobFailsWithMappedCodeAndNoBlob(string provider, string failCode, string expected)
    {
        var id = await stack.StartJobAsync(Requests.For(provider, Requests.UniquePrompt($"[emu:seconds=1] [emu:fail={failCode}]")));

        var job = await stack.WaitForEndAsync(id);

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal(expected, job["error"]!["code"]!.GetValue<string>());
        Assert.Contains(failCode, job["error"]!["message"]!.GetValue<string>());
        Assert.False(await stack.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.mp4").ExistsAsync());
    }

    [Fact]
    public async Task GetVideo_WhileGenerating_ShowsPhaseAndRisingProgress()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=8]"), "poll"));

        var running = await stack.WaitForStatusAsync(id, "generating");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((running["progress"]?.GetValue<int>() ?? 0) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            running = await stack.GetJobAsync(id);
        }

        Assert.InRange(running["progress"]!.GetValue<int>(), 1, 99);
        Assert.Contains("processing", running["phase"]!.GetValue<string>());
        Assert.StartsWith("task-unified-", running["provider"]!["taskId"]!.GetValue<string>());
        Assert.Equal("succeeded", (await stack.WaitForEndAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListVideos_BatchJobWhileGenerating_ShowsTheWatchsProgress()
    {
        var batchId = $"progress-{Guid.NewGuid():N}"[..24];
        using var response = await stack.Http.PostAsJsonAsync("/api/batches", new
        {
            batchId,
            defaults = new { provider = "foxapi", model = "sora-2", aspectRatio = "16:9", durationSeconds = 4, waitMode = "poll" },
            items = new[] { new { prompt = Requests.UniquePrompt("[emu:seconds=8]") } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // A watched job's stored status keeps the submission's answer (no progress): progress comes from the watch.
        var item = await Eventually.GetAsync(
            async () => (await stack.Http.GetFromJsonAsync<JsonObject>($"/api/videos?batchId={batchId}&limit=10"))!["items"]!.AsArray().SingleOrDefault(),
            i => i?["progress"]?.GetValue<int>() is > 0 and < 100,
            $"batch {batchId}'s job to show progress while generating", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        Assert.Contains("processing", item!["phase"]!.GetValue<string>());
        Assert.Equal("succeeded", (await stack.WaitForEndAsync(item["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostVideo_PollMode_TaskWatchRegistersTheTaskAndForgetsItOnceTheJobEnded()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=8]"), "poll"));
        var registration = stack.Blobs.GetBlobContainerClient("videopipeline-state").GetBlobClient($"task-watch/{id}.json");

        await Eventually.TrueAsync(async () => (await registration.ExistsAsync()).Value, "the task's registration with the watch");
        var job = await stack.WaitForEndAsync(id);

        // The job's own checks come every 30 minutes: it ended this soon because the watch told it.
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => !(await registration.ExistsAsync()).Value, "the registration deleted");
    }

    [Fact]
    public async Task ListVideos_NewestFirstWithStatusFilter()
    {
        var older = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0]")));
        await stack.WaitForEndAsync(older);
        var newer = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0]")));
        await stack.WaitForEndAsync(newer);

        var list = (await stack.Http.GetFromJsonAsync<JsonObject>("/api/videos?status=succeeded&limit=200"))!;
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older) && ids.IndexOf(newer) >= 0);
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("succeeded", i!["status"]!.GetValue<string>()));
        using var bad = await stack.Http.GetAsync("/api/videos?status=done&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task GetContent_BeforeArchive_Returns409()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=30]"), "poll"));

        using var response = await stack.Http.GetAsync($"/api/videos/{id}/content");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await stack.Http.PostAsync($"/api/videos/{id}/cancel", null);
    }
}
