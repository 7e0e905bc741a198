using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace VideoPipeline.Testing.Contract;

/// <summary>
/// The job API's contract, run against every host: the local host (end-to-end tests) and the Functions app's own
/// functions (Functions tests). Both answer through the same Core operations on the same engine, and these tests prove
/// the behaviour a caller relies on is the same on both.
/// </summary>
public abstract class JobContractTests
{
    protected abstract PipelineUnderTest Pipeline { get; }

    [Theory]
    [MemberData(nameof(Requests.ProvidersAndWaitModes), MemberType = typeof(Requests))]
    public async Task PostVideo_EachDialectAndWaitMode_ArchivesOneVerifiedBlob(string provider, string waitMode)
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1]");

        var id = await Pipeline.StartJobAsync(Requests.For(provider, prompt, waitMode));
        var job = await Pipeline.WaitForEndAsync(id);

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var output = job["output"]!;
        Assert.Equal(256 * 1024, output["bytes"]!.GetValue<long>());
        Assert.Equal("video/mp4", output["contentType"]!.GetValue<string>());
        Assert.NotNull(job["timings"]!["archivedAt"]);

        var blob = Pipeline.Blobs.GetBlobContainerClient(output["container"]!.GetValue<string>())
            .GetBlobClient(output["blobName"]!.GetValue<string>());
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(id, properties.Metadata["jobid"]);
        Assert.Equal(output["sha256"]!.GetValue<string>(), properties.Metadata["sha256"]);

        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Pipeline.Http.BaseAddress };
        using var redirect = await noRedirect.GetAsync($"/api/videos/{id}/content");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var bytes = await new HttpClient().GetByteArrayAsync(redirect.Headers.Location);
        Assert.Equal(output["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var stats = await Pipeline.PromptStatsAsync(prompt);
        Assert.Equal(1, PipelineUnderTest.Count(stats, "submissions"));
        Assert.Equal(1, PipelineUnderTest.Count(stats, "contentDownloads"));
    }

    [Fact]
    public async Task PostVideo_SameIdempotencyKeyTwice_ReturnsTheSameJobAndSubmitsOnce()
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1]");
        var key = Guid.NewGuid().ToString();

        var first = await Pipeline.StartJobAsync(Requests.For("apixo", prompt), key);
        await Pipeline.WaitForEndAsync(first);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/videos") { Content = JsonContent.Create(Requests.For("apixo", prompt)) };
        retry.Headers.Add("Idempotency-Key", key);
        using var retried = await Pipeline.Http.SendAsync(retry);
        var answer = (await retried.Content.ReadFromJsonAsync<JsonObject>())!;
        var second = answer["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("succeeded", answer["status"]!.GetValue<string>());

        Assert.Equal(first, second);
        Assert.Equal(1, PipelineUnderTest.Count(await Pipeline.PromptStatsAsync(prompt), "submissions"));
    }

    [Fact]
    public async Task PostVideo_IdempotencyKeyReusedForAnotherRequest_Returns422AndStartsNothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Pipeline.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0]")), key);
        var otherPrompt = Requests.UniquePrompt("[emu:seconds=0]");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/videos")
        {
            Content = JsonContent.Create(Requests.For("foxapi", otherPrompt)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Pipeline.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(first, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, PipelineUnderTest.Count(await Pipeline.PromptStatsAsync(otherPrompt), "submissions"));
    }

    [Fact]
    public async Task PostVideo_InvalidRequest_Returns400ProblemWithEveryFieldAndStartsNothing()
    {
        var prompt = Requests.UniquePrompt();
        var before = await CountJobsAsync();

        using var response = await Pipeline.Http.PostAsJsonAsync("/api/videos", new
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
        Assert.Equal(0, PipelineUnderTest.Count(await Pipeline.PromptStatsAsync(prompt), "submissions"));
    }

    [Theory]
    [InlineData("GET", "/api/videos/job-unknown")]
    [InlineData("GET", "/api/videos/job-unknown/content")]
    [InlineData("POST", "/api/videos/job-unknown/cancel")]
    [InlineData("GET", "/api/videos/not%20an%20id")]
    public async Task UnknownJob_Returns404Problem(string method, string path)
    {
        using var response = await Pipeline.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Cancel_WhileGenerating_EndsCancelledAndSecondCancelConflicts()
    {
        var id = await Pipeline.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=120]"), "poll"));
        await Pipeline.WaitForStatusAsync(id, "generating");

        using var cancel = await Pipeline.Http.PostAsync($"/api/videos/{id}/cancel", null);
        var job = await Pipeline.WaitForEndAsync(id);
        using var again = await Pipeline.Http.PostAsync($"/api/videos/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", job["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(await Pipeline.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.mp4").ExistsAsync());
    }

    private async Task<int> CountJobsAsync() =>
        (await Pipeline.Http.GetFromJsonAsync<JsonObject>("/api/videos?limit=200"))!["items"]!.AsArray().Count;
}
