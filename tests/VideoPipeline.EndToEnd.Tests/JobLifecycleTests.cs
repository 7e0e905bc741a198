using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VideoPipeline.EndToEnd.Tests;

public class JobLifecycleTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [MemberData(nameof(Requests.ProvidersAndWaitModes), MemberType = typeof(Requests))]
    public async Task PostVideo_EachDialectAndWaitMode_ArchivesOneVerifiedBlob(string provider, string waitMode)
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1]");

        var id = await stack.StartJobAsync(Requests.For(provider, prompt, waitMode));
        var job = await stack.WaitForEndAsync(id);

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var output = job["output"]!;
        Assert.Equal(256 * 1024, output["bytes"]!.GetValue<long>());
        Assert.Equal("video/mp4", output["contentType"]!.GetValue<string>());
        Assert.NotNull(job["timings"]!["archivedAt"]);

        var blob = stack.Blobs.GetBlobContainerClient(output["container"]!.GetValue<string>())
            .GetBlobClient(output["blobName"]!.GetValue<string>());
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(id, properties.Metadata["jobid"]);
        Assert.Equal(output["sha256"]!.GetValue<string>(), properties.Metadata["sha256"]);

        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.Host.BaseUrl };
        using var redirect = await noRedirect.GetAsync($"/api/videos/{id}/content");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var bytes = await new HttpClient().GetByteArrayAsync(redirect.Headers.Location);
        Assert.Equal(output["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var stats = await stack.PromptStatsAsync(prompt);
        Assert.Equal(1, PipelineStack.Count(stats, "submissions"));
        Assert.Equal(1, PipelineStack.Count(stats, "contentDownloads"));
    }

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
    public async Task PostVideo_SameIdempotencyKeyTwice_ReturnsTheSameJobAndSubmitsOnce()
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1]");
        var key = Guid.NewGuid().ToString();

        var first = await stack.StartJobAsync(Requests.For("apixo", prompt), key);
        await stack.WaitForEndAsync(first);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/videos") { Content = JsonContent.Create(Requests.For("apixo", prompt)) };
        retry.Headers.Add("Idempotency-Key", key);
        using var retried = await stack.Http.SendAsync(retry);
        var answer = (await retried.Content.ReadFromJsonAsync<JsonObject>())!;
        var second = answer["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("succeeded", answer["status"]!.GetValue<string>());

        Assert.Equal(first, second);
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
    }

    [Fact]
    public async Task PostVideo_IdempotencyKeyReusedForAnotherRequest_Returns422AndStartsNothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0]")), key);
        var otherPrompt = Requests.UniquePrompt("[emu:seconds=0]");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/videos")
        {
            Content = JsonContent.Create(Requests.For("foxapi", otherPrompt)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await stack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(first, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, PipelineStack.Count(await stack.PromptStatsAsync(otherPrompt), "submissions"));
    }

    [Fact]
    public async Task PostVideo_InvalidRequest_Returns400ProblemWithEveryFieldAndStartsNothing()
    {
        var prompt = Requests.UniquePrompt();
        var before = await CountJobsAsync();

        using var response = await stack.Http.PostAsJsonAsync("/api/videos", new
        {
            provider = "foxapi", model = "sora-2", prompt, durationSeconds = 7, aspectRatio = "1:1",
            imageUrl = "https://169.254.169.254/latest", notifyUrl = "http://10.0.0.1/hook",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        Assert.Equal(["aspectRatio", "durationSeconds", "imageUrl", "notifyUrl"], errors);
        Assert.Equal(before, await CountJobsAsync());
        Assert.Equal(0, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
    }

    [Theory]
    [InlineData("GET", "/api/videos/job-unknown")]
    [InlineData("GET", "/api/videos/job-unknown/content")]
    [InlineData("POST", "/api/videos/job-unknown/cancel")]
    public async Task UnknownJob_Returns404Problem(string method, string path)
    {
        using var response = await stack.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
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

    private async Task<int> CountJobsAsync() =>
        (await stack.Http.GetFromJsonAsync<JsonObject>("/api/videos?limit=200"))!["items"]!.AsArray().Count;
}
