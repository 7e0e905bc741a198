using Azure.Storage.Blobs.Models;
using System.Net;
using System.Text;

namespace VideoPipeline.EndToEnd.Tests;

public class ProviderFaultTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [MemberData(nameof(Requests.Providers), MemberType = typeof(Requests))]
    public async Task Submit_RateLimitedOnce_RetriesAfterRetryAfterAndSucceeds(string provider)
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1] [emu:submit=429]");

        var job = await stack.WaitForEndAsync(await stack.StartJobAsync(Requests.For(provider, prompt)));

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var stats = await stack.PromptStatsAsync(prompt);
        Assert.Equal(2, PipelineStack.Count(stats, "submissions"));
        Assert.Equal(1, PipelineStack.Count(stats, "tasksCreated"));
    }

    [Theory]
    [MemberData(nameof(Requests.Providers), MemberType = typeof(Requests))]
    public async Task Submit_ConnectionDroppedAfterSending_FailsAsOutcomeUnknownWithOneSubmission(string provider)
    {
        var prompt = Requests.UniquePrompt("[emu:seconds=1] [emu:submit=timeout]");

        var job = await stack.WaitForEndAsync(await stack.StartJobAsync(Requests.For(provider, prompt)));

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("submission_outcome_unknown", job["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
    }

    [Theory]
    [MemberData(nameof(Requests.Providers), MemberType = typeof(Requests))]
    public async Task Submit_ProviderError500_IsTreatedAsAmbiguousAndNeverResubmitted(string provider)
    {
        // A 500 may come after the provider created (and billed) the task, so it is not retried blindly.
        var prompt = Requests.UniquePrompt("[emu:seconds=1] [emu:submit=500]");

        var job = await stack.WaitForEndAsync(await stack.StartJobAsync(Requests.For(provider, prompt)));

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("submission_outcome_unknown", job["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, PipelineStack.Count(await stack.PromptStatsAsync(prompt), "submissions"));
    }

    [Theory]
    [InlineData("foxapi", "truncate", "result_truncated")]
    [InlineData("openai", "truncate", "result_truncated")]
    [InlineData("apixo", "truncate", "result_truncated")]
    [InlineData("foxapi", "html", "result_not_mp4")]
    [InlineData("openai", "html", "result_not_mp4")]
    [InlineData("apixo", "html", "result_not_mp4")]
    public async Task Archive_BrokenResult_FailsWithPreciseCodeAndCommitsNoBlob(string provider, string corruption, string code)
    {
        var prompt = Requests.UniquePrompt($"[emu:seconds=0] [emu:corrupt={corruption}]");

        var id = await stack.StartJobAsync(Requests.For(provider, prompt));
        var job = await stack.WaitForEndAsync(id);

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal(code, job["error"]!["code"]!.GetValue<string>());
        var container = stack.Blobs.GetBlobContainerClient("videos");
        Assert.False(await container.GetBlobClient($"{id}.mp4").ExistsAsync());
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, id, CancellationToken.None))
        {
            Assert.Fail($"Unexpected blob {blob.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Requests.Providers), MemberType = typeof(Requests))]
    public async Task Archive_ResultUrlExpired_FailsWithResultExpired(string provider)
    {
        var job = await stack.WaitForEndAsync(
            await stack.StartJobAsync(Requests.For(provider, Requests.UniquePrompt("[emu:seconds=0] [emu:expire]"))));

        Assert.Equal("result_expired", job["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("foxapi", "duplicate")]
    [InlineData("foxapi", "early")]
    [InlineData("foxapi", "late")]
    [InlineData("foxapi", "none")]
    [InlineData("apixo", "duplicate")]
    [InlineData("apixo", "early")]
    [InlineData("apixo", "late")]
    [InlineData("apixo", "none")]
    [InlineData("openai", "duplicate")]
    [InlineData("openai", "early")]
    [InlineData("openai", "late")]
    [InlineData("openai", "none")]
    public async Task Callback_UnusualDelivery_JobSucceedsWithOneArchive(string provider, string plan)
    {
        var prompt = Requests.UniquePrompt($"[emu:seconds=2] [emu:callback={plan}]");

        var job = await stack.WaitForEndAsync(await stack.StartJobAsync(Requests.For(provider, prompt, "callback")));

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var stats = await stack.PromptStatsAsync(prompt);
        Assert.Equal(1, PipelineStack.Count(stats, "contentDownloads"));
        Assert.Equal(1, PipelineStack.Count(stats, "submissions"));
    }


    [Fact]
    public async Task Callback_ForgedTokens_AreRejectedWithoutEffect()
    {
        var victim = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=6]"), "callback"));
        var other = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=6]"), "callback"));
        await stack.WaitForStatusAsync(victim, "generating");
        var otherToken = CallbackToken(other);
        var body = new StringContent("""{"id":"task-unified-forged","status":"completed","results":["https://evil.example/x.mp4"]}""", Encoding.UTF8, "application/json");

        using var noToken = await stack.Http.PostAsync($"/api/callbacks/foxapi/{victim}", body);
        using var wrongToken = await stack.Http.PostAsync($"/api/callbacks/foxapi/{victim}?token=AAAA", body);
        using var othersToken = await stack.Http.PostAsync($"/api/callbacks/foxapi/{victim}?token={otherToken}", body);
        using var unknownJob = await stack.Http.PostAsync($"/api/callbacks/foxapi/job-nope?token={CallbackToken("job-nope")}", body);
        var during = await stack.GetJobAsync(victim);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, othersToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal("generating", during["status"]!.GetValue<string>());
        var job = await stack.WaitForEndAsync(victim);
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.StartsWith("task-unified-", job["provider"]!["taskId"]!.GetValue<string>());
        Assert.DoesNotContain("forged", job["provider"]!["taskId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Callback_ForFinishedJob_IsAcknowledgedAndChangesNothing()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0]"), "callback"));
        var before = await stack.WaitForEndAsync(id);

        using var response = await stack.Http.PostAsync($"/api/callbacks/foxapi/{id}?token={CallbackToken(id)}",
            new StringContent("""{"id":"task-unified-x","status":"failed"}""", Encoding.UTF8, "application/json"));
        var after = await stack.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task OpenAiWebhook_BadOrStaleSignature_IsRejected()
    {
        const string body = """{"id":"evt_1","object":"event","created_at":1,"type":"video.completed","data":{"id":"video_x"}}""";
        var secret = stack.Emulator.Options.OpenAi.WebhookSecret;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stale = now - 600;

        var badSignature = await PostWebhook(body, "wh_1", now, "v1,AAAA");
        var staleSignature = await PostWebhook(body, "wh_1", stale, VideoPipeline.Core.Callbacks.StandardWebhookVerifier.ComputeSignature(secret, "wh_1", stale, Encoding.UTF8.GetBytes(body)));
        var valid = await PostWebhook(body, "wh_1", now, VideoPipeline.Core.Callbacks.StandardWebhookVerifier.ComputeSignature(secret, "wh_1", now, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, badSignature);
        Assert.Equal(HttpStatusCode.Unauthorized, staleSignature);
        Assert.Equal(HttpStatusCode.OK, valid);
    }

    private async Task<HttpStatusCode> PostWebhook(string body, string id, long timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/openai")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        using var response = await stack.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string CallbackToken(string jobId) =>
        new VideoPipeline.Core.Callbacks.CallbackTokens(Microsoft.Extensions.Options.Options.Create(
            new VideoPipeline.Core.PipelineOptions { CallbackSecret = PipelineStack.CallbackSecret })).Create(jobId);
}
