using System.Text;
using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Testing.Http;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Providers;

/// <summary>
/// APIXO. Its generateTask document lists fields but gives no literal JSON example, so the expected bodies are written
/// from that field list: <c>{request_type, callback_url, provider, input:{mode, prompt, duration, size | resolution, image_urls}}</c>.
/// </summary>
public sealed class ApixoClientTests : ScriptedProviderTests
{
    private const string SubmitPath = "/api/v1/generateTask/sora-2-pro";
    private const string StatusPath = "/api/v1/statusTask/sora-2-pro";
    private const string Created = """{"code":200,"message":"success","data":{"taskId":"task_abc123"}}""";

    private IVideoProviderClient Client => Host.Client(ProviderName.Apixo);

    [Fact]
    public async Task SubmitAsync_TextToVideo_SendsTheDocumentedAsyncBody()
    {
        Server.On("POST", SubmitPath, Json(200, Created));
        var submission = Submissions.For(
            ProviderName.Apixo, "sora-2-pro", Submissions.Prompt("A cat") with { Size = "720x1280", DurationSeconds = 8, Resolution = "1080p" });

        var task = await Client.SubmitAsync(submission);

        var sent = Assert.Single(Server.RequestsTo("POST", SubmitPath));
        JsonAssert.Equivalent(
            JsonNode.Parse("""
                {"request_type":"async","provider":"official",
                 "input":{"mode":"text-to-video","prompt":"A cat","duration":8,"size":"720*1280"}}
                """),
            sent.Json());
        Assert.Equal("Bearer " + ProviderTestHost.ApixoKey, sent.Header("Authorization"));
        Assert.Equal("task_abc123", task.TaskId);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task SubmitAsync_ImageToVideoWithCallback_SendsResolutionAndImageButNoSize()
    {
        Server.On("POST", SubmitPath, Json(200, Created));
        var submission = Submissions.For(
            ProviderName.Apixo,
            "sora-2-pro",
            Submissions.Prompt("Animate it") with { ImageUrl = "https://example.com/a.png", Size = "1280x720", Resolution = "720p" },
            new Uri("https://pipeline.example/api/callbacks/apixo/job-1?token=t"));

        await Client.SubmitAsync(submission);

        JsonAssert.Equivalent(
            JsonNode.Parse("""
                {"request_type":"callback","callback_url":"https://pipeline.example/api/callbacks/apixo/job-1?token=t",
                 "provider":"official",
                 "input":{"mode":"image-to-video","prompt":"Animate it","duration":4,"resolution":"720p",
                          "image_urls":["https://example.com/a.png"]}}
                """),
            Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json());
    }

    [Fact]
    public async Task SubmitAsync_ProviderOption_OverridesTheRouting()
    {
        Server.On("POST", SubmitPath, Json(200, Created));
        var submission = Submissions.For(
            ProviderName.Apixo, "sora-2-pro", Submissions.Prompt("p") with { ProviderOptions = new JsonObject { ["provider"] = "official-eu" } });

        await Client.SubmitAsync(submission);

        Assert.Equal("official-eu", (string?)Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json()!["provider"]);
    }

    [Fact]
    public async Task GetStatusAsync_Success_ParsesResultJsonStringTwice()
    {
        Server.On("GET", StatusPath, Json(200, """
            {"code":200,"message":"success","data":{"taskId":"task_abc123","state":"success",
             "resultJson":"{\"resultUrls\":[\"https://cdn.apixo.example/v.mp4\"]}",
             "failCode":null,"failMsg":null,"createTime":1757165031000,"completeTime":1757165211000,"costTime":180000}}
            """));

        var task = await Client.GetStatusAsync("sora-2-pro", "task_abc123");

        var sent = Assert.Single(Server.Requests);
        Assert.Equal("?taskId=task_abc123", sent.Query);
        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
        Assert.Equal("success", task.RawStatus);
        Assert.Equal([new Uri("https://cdn.apixo.example/v.mp4")], task.ResultUrls);
    }

    [Theory]
    [InlineData("pending", ProviderTaskStatus.Pending)]
    [InlineData("processing", ProviderTaskStatus.Running)]
    [InlineData("success", ProviderTaskStatus.Succeeded)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    public void ParseCallback_DocumentedState_IsNormalisedAndKeptRaw(string state, ProviderTaskStatus expected)
    {
        var task = Parse($$$"""{"code":200,"message":"success","data":{"taskId":"t","state":"{{{state}}}"}}""");

        Assert.Equal(expected, task.Status);
        Assert.Equal(state, task.RawStatus);
    }

    [Theory]
    [InlineData("CONTENT_VIOLATION", ErrorCodes.ContentViolation)]
    [InlineData("SensitiveContentDetected", ErrorCodes.ContentViolation)]
    [InlineData("NSFW", ErrorCodes.ContentViolation)]
    [InlineData("ProhibitedContentDetected", ErrorCodes.ContentViolation)]
    [InlineData("INVALID_IMAGE_URL", ErrorCodes.InvalidInput)]
    [InlineData("PromptLengthExceeded", ErrorCodes.InvalidInput)]
    [InlineData("INTERNAL_ERROR", ErrorCodes.GenerationFailed)]
    public void ParseCallback_FailCode_MapsAndKeepsTheProviderCode(string failCode, string expected)
    {
        var task = Parse($$$"""
            {"code":200,"message":"success","data":{"taskId":"t","state":"failed","failCode":"{{{failCode}}}","failMsg":"nope"}}
            """);

        Assert.Equal(ProviderTaskStatus.Failed, task.Status);
        Assert.Equal(expected, task.Error?.Code);
        Assert.Contains(failCode, task.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("nope", task.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":200,"data":{"taskId":"t","state":"success","resultJson":"{not json"}}""")]
    [InlineData("""{"code":200,"data":{"taskId":"t","state":"success","resultJson":"{\"resultUrls\":[42]}"}}""")]
    [InlineData("""{"code":200,"data":{"taskId":"t","state":"done"}}""")]
    [InlineData("""{"code":200,"message":"success"}""")]
    [InlineData("""{"code":200,"data":{"state":"pending"}}""")]
    public void ParseCallback_MalformedEnvelope_ThrowsProtocolError(string json)
    {
        Assert.Equal(ErrorCodes.ProviderProtocolError, Assert.Throws<ProviderException>(() => Parse(json)).Code);
    }

    [Fact]
    public void ParseCallback_SuccessWithoutResultJson_HasNoUrlsYet()
    {
        var task = Parse("""{"code":200,"data":{"taskId":"t","state":"success","resultJson":""}}""");

        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
        Assert.Empty(task.ResultUrls);
    }

    [Fact]
    public async Task GetStatusAsync_Http401Envelope_IsUnauthorizedWithTheProviderMessage()
    {
        Server.On("GET", StatusPath, Json(401, """{"code":401,"message":"Invalid or missing API key"}"""));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.GetStatusAsync("sora-2-pro", "t"));

        Assert.Equal(ErrorCodes.Unauthorized, error.Code);
        Assert.Contains("Invalid or missing API key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, ErrorCodes.Unauthorized, false)]
    [InlineData(402, ErrorCodes.InsufficientQuota, false)]
    [InlineData(429, ErrorCodes.RateLimited, true)]
    [InlineData(400, ErrorCodes.InvalidInput, false)]
    public async Task SubmitAsync_ErrorCodeInsideHttp200Envelope_MapsLikeTheHttpStatus(int code, string expected, bool transient)
    {
        Server.On("POST", SubmitPath, Json(200, $$"""{"code":{{code}},"message":"envelope error"}"""));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => Client.SubmitAsync(Submissions.For(ProviderName.Apixo, "sora-2-pro", Submissions.Prompt("p"))));

        Assert.Equal(expected, error.Code);
        Assert.Equal(transient, error.IsTransient);
        Assert.Contains("envelope error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenResultAsync_ResultUrl_StreamsWithoutAuthorizationHeader()
    {
        Server.On("GET", "/cdn/v.mp4", Bytes(200, "video/mp4", [1, 2, 3, 4]));
        var task = new ProviderTask("t", ProviderTaskStatus.Succeeded, "success", ResultUrls: [Server.Url("cdn/v.mp4")]);

        await using (var content = await Client.OpenResultAsync(task))
        {
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, copy.ToArray());
        }

        Assert.Null(Assert.Single(Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task CancelAsync_AnyTask_ReturnsFalseWithoutCalling()
    {
        Assert.False(await Client.CancelAsync("sora-2-pro", "t"));
        Assert.False(await Client.DeleteAsync("sora-2-pro", "t"));
        Assert.Empty(Server.Requests);
    }

    private ProviderTask Parse(string json) => Client.ParseCallback(Encoding.UTF8.GetBytes(json));
}
