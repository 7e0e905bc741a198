using System.Text;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Testing.Http;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Providers;

public sealed class OpenAiVideosClientTests : ScriptedProviderTests
{
    private const string VideosPath = "/v1/videos";
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    private IVideoProviderClient Client => Host.Client(ProviderName.OpenAi);

    [Fact]
    public async Task SubmitAsync_Seed002Example_SendsTheSeedFormFieldsAndTheImageFile()
    {
        var seed = SeedDocument.Load("002");
        Server.On("GET", "/images/first-frame.png", Bytes(200, "image/png", Png));
        Server.On("POST", VideosPath, Json(200, seed.ResponseJson()));
        var submission = Submissions.For(
            ProviderName.OpenAi,
            "sora-2",
            Submissions.Prompt("一只可爱的小猫在花园里玩耍") with
            {
                Size = "720x1280",
                DurationSeconds = 4,
                ImageUrl = Server.Url("images/first-frame.png").AbsoluteUri,
            },
            new Uri("https://pipeline.example/not-sent"));

        var task = await Client.SubmitAsync(submission);

        var sent = Assert.Single(Server.RequestsTo("POST", VideosPath));
        Assert.Equal("Bearer " + ProviderTestHost.OpenAiKey, sent.Header("Authorization"));
        var parts = await MultipartPart.ReadAsync(sent);
        var expectedFields = seed.FormFields().Where(f => f.Name != "input_reference").ToList();
        Assert.Equal(expectedFields, parts.Where(p => p.FileName is null).Select(p => (p.Name, p.Text)).ToList());
        Assert.Equal(["model", "prompt", "size", "seconds", "input_reference"], parts.Select(p => p.Name));
        var file = Assert.Single(parts, p => p.Name == "input_reference");
        Assert.Equal(Png, file.Content);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal("first-frame.png", file.FileName);
        Assert.DoesNotContain("not-sent", Encoding.UTF8.GetString(sent.Body), StringComparison.Ordinal);
        Assert.Null(Assert.Single(Server.RequestsTo("GET", "/images/first-frame.png")).Header("Authorization"));

        // The seed's answer: a gateway's "pending", with a placeholder error object that must not count.
        Assert.Equal("video_123456789", task.TaskId);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal("pending", task.RawStatus);
        Assert.Equal(50, task.Progress);
        Assert.Null(task.Error);
        Assert.Empty(task.ResultUrls);
    }

    [Fact]
    public async Task SubmitAsync_NoImage_SendsNoFilePartAndTheDefaultSeconds()
    {
        Server.On("POST", VideosPath, Json(200, """{"id":"video_1","object":"video","status":"queued","progress":0}"""));

        await Client.SubmitAsync(Submissions.For(ProviderName.OpenAi, "sora-2-pro", Submissions.Prompt("p") with { Size = "1792x1024" }));

        var parts = await MultipartPart.ReadAsync(Assert.Single(Server.Requests));
        Assert.Equal([("model", "sora-2-pro"), ("prompt", "p"), ("size", "1792x1024"), ("seconds", "4")], parts.Select(p => (p.Name, p.Text)));
    }

    [Fact]
    public async Task SubmitAsync_ImageServedAsOctetStream_SniffsItsType()
    {
        Server.On("GET", "/blob", Bytes(200, "application/octet-stream", Png));
        Server.On("POST", VideosPath, Json(200, """{"id":"video_1","object":"video","status":"queued"}"""));

        await Client.SubmitAsync(Submissions.For(
            ProviderName.OpenAi, "sora-2", Submissions.Prompt("p") with { ImageUrl = Server.Url("blob").AbsoluteUri }));

        var file = Assert.Single(await MultipartPart.ReadAsync(Assert.Single(Server.RequestsTo("POST", VideosPath))), p => p.Name == "input_reference");
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal("input_reference.png", file.FileName);
    }

    [Fact]
    public async Task SubmitAsync_ImageLargerThanTenMegabytes_IsInvalidInputAndNothingIsSubmitted()
    {
        var large = new byte[(10 * 1024 * 1024) + 1];
        Png.CopyTo(large, 0);
        Server.On("GET", "/big.png", Bytes(200, "image/png", large));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.SubmitAsync(Submissions.For(
            ProviderName.OpenAi, "sora-2", Submissions.Prompt("p") with { ImageUrl = Server.Url("big.png").AbsoluteUri })));

        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Empty(Server.RequestsTo("POST", VideosPath));
    }

    [Theory]
    [InlineData(404, ErrorCodes.InvalidInput, false)]
    [InlineData(302, ErrorCodes.InvalidInput, false)]
    [InlineData(503, ErrorCodes.ProviderUnavailable, true)]
    public async Task SubmitAsync_ImageUnavailable_FailsBeforeSubmitting(int status, string code, bool transient)
    {
        Server.On("GET", "/missing.png", Status(status, ("Location", "http://169.254.169.254/")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.SubmitAsync(Submissions.For(
            ProviderName.OpenAi, "sora-2", Submissions.Prompt("p") with { ImageUrl = Server.Url("missing.png").AbsoluteUri })));

        Assert.Equal(code, error.Code);
        Assert.Equal(transient, error.IsTransient);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Empty(Server.RequestsTo("POST", VideosPath));
    }

    [Fact]
    public async Task SubmitAsync_ImageNotAnImage_IsInvalidInput()
    {
        Server.On("GET", "/page", Bytes(200, "text/html", "<html></html>"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.SubmitAsync(Submissions.For(
            ProviderName.OpenAi, "sora-2", Submissions.Prompt("p") with { ImageUrl = Server.Url("page").AbsoluteUri })));

        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
    }

    [Fact]
    public async Task SubmitAsync_OpenAiErrorShape_MapsAndKeepsMessageAndCode()
    {
        Server.On("POST", VideosPath, Json(400, """
            {"error":{"message":"Your request was blocked by our moderation system.","type":"invalid_request_error","param":"prompt","code":"moderation_blocked"}}
            """));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => Client.SubmitAsync(Submissions.For(ProviderName.OpenAi, "sora-2", Submissions.Prompt("p"))));

        Assert.Equal(ErrorCodes.ContentViolation, error.Code);
        Assert.Contains("blocked by our moderation system", error.Message, StringComparison.Ordinal);
        Assert.Contains("moderation_blocked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_PollAfterHeader_IsReadIntoPollAfter()
    {
        Server.On("GET", "/v1/videos/video_1", Json(200, """{"id":"video_1","object":"video","status":"in_progress","progress":33}""", ("openai-poll-after-ms", "2500")));

        var task = await Client.GetStatusAsync("sora-2", "video_1");

        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        Assert.Equal(33, task.Progress);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), task.PollAfter);
    }

    [Theory]
    [InlineData("queued", ProviderTaskStatus.Pending)]
    [InlineData("pending", ProviderTaskStatus.Pending)]
    [InlineData("in_progress", ProviderTaskStatus.Running)]
    [InlineData("completed", ProviderTaskStatus.Succeeded)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    public async Task GetStatusAsync_DocumentedStatus_IsNormalisedAndKeptRaw(string raw, ProviderTaskStatus expected)
    {
        Server.On("GET", "/v1/videos/video_1", Json(200, $$$"""{"id":"video_1","object":"video","status":"{{{raw}}}"}"""));

        var task = await Client.GetStatusAsync("sora-2", "video_1");

        Assert.Equal(expected, task.Status);
        Assert.Equal(raw, task.RawStatus);
        Assert.Null(task.PollAfter);
    }

    [Fact]
    public async Task GetStatusAsync_Completed_HasTheContentEndpointAsResultUrl()
    {
        Server.On("GET", "/v1/videos/video_1", Json(200, """
            {"id":"video_1","object":"video","created_at":1741570283,"completed_at":1741570400,"expires_at":1741656800,
             "model":"sora-2","status":"completed","progress":100,"seconds":"4","size":"720x1280","remixed_from_video_id":null,"error":null}
            """));

        var task = await Client.GetStatusAsync("sora-2", "video_1");

        Assert.Equal([Server.Url("v1/videos/video_1/content?variant=video")], task.ResultUrls);
    }

    [Theory]
    [InlineData("moderation_blocked", ErrorCodes.ContentViolation)]
    [InlineData("internal_error", ErrorCodes.GenerationFailed)]
    public async Task GetStatusAsync_FailedVideo_MapsItsErrorCode(string code, string expected)
    {
        Server.On("GET", "/v1/videos/video_1", Json(200, $$$"""
            {"id":"video_1","object":"video","status":"failed","error":{"code":"{{{code}}}","message":"could not generate"}}
            """));

        var task = await Client.GetStatusAsync("sora-2", "video_1");

        Assert.Equal(expected, task.Error?.Code);
        Assert.Contains(code, task.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_Deleted_ReturnsTrue()
    {
        Server.On("DELETE", "/v1/videos/video_1", Json(200, """{"id":"video_1","object":"video.deleted","deleted":true}"""));

        Assert.True(await Client.DeleteAsync("sora-2", "video_1"));
        Assert.Equal("Bearer " + ProviderTestHost.OpenAiKey, Assert.Single(Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task DeleteAsync_GatewayAnswersNoContent_ReturnsTrue()
    {
        Server.On("DELETE", "/v1/videos/video_1", Status(204));

        Assert.True(await Client.DeleteAsync("sora-2", "video_1"));
    }

    [Fact]
    public async Task DeleteAsync_NotDeleted_ReturnsFalse()
    {
        Server.On("DELETE", "/v1/videos/video_1", Json(200, """{"id":"video_1","object":"video.deleted","deleted":false}"""));

        Assert.False(await Client.DeleteAsync("sora-2", "video_1"));
    }

    [Fact]
    public async Task DeleteAsync_TransientFailure_IsRetried()
    {
        Server.On("DELETE", "/v1/videos/video_1", Status(502), Json(200, """{"id":"video_1","object":"video.deleted","deleted":true}"""));

        Assert.True(await Client.DeleteAsync("sora-2", "video_1"));
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task DeleteAsync_AlreadyGone_ReturnsTrue()
    {
        Server.On("DELETE", "/v1/videos/video_1", Json(404, """{"error":{"message":"not found","type":"invalid_request_error"}}"""));

        Assert.True(await Client.DeleteAsync("sora-2", "video_1"));
    }

    [Fact]
    public async Task CancelAsync_AnyVideo_ReturnsFalseWithoutCalling()
    {
        Assert.False(await Client.CancelAsync("sora-2", "video_1"));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task OpenResultAsync_CompletedVideo_StreamsContentWithTheApiKey()
    {
        Server.On("GET", "/v1/videos/video_1/content", Bytes(200, "video/mp4", [9, 8, 7]));
        var task = new ProviderTask("video_1", ProviderTaskStatus.Succeeded, "completed");

        await using (var content = await Client.OpenResultAsync(task))
        {
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            Assert.Equal(new byte[] { 9, 8, 7 }, copy.ToArray());
            Assert.Equal(3, content.ContentLength);
            Assert.Equal("video/mp4", content.ContentType);
        }

        var sent = Assert.Single(Server.Requests);
        Assert.Equal("?variant=video", sent.Query);
        Assert.Equal("Bearer " + ProviderTestHost.OpenAiKey, sent.Header("Authorization"));
    }

    [Fact]
    public async Task OpenResultAsync_ForeignResultUrl_StillFetchesFromTheConfiguredApi()
    {
        Server.On("GET", "/v1/videos/video_1/content", Bytes(200, "video/mp4", [1]));
        var task = new ProviderTask("video_1", ProviderTaskStatus.Succeeded, "completed", ResultUrls: [new Uri("https://attacker.example/steal")]);

        await using var content = await Client.OpenResultAsync(task);

        Assert.Equal("/v1/videos/video_1/content", Assert.Single(Server.Requests).Path);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task OpenResultAsync_ExpiredVideo_ThrowsResultExpired(int status)
    {
        Server.On("GET", "/v1/videos/video_1/content", Status(status));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => Client.OpenResultAsync(new ProviderTask("video_1", ProviderTaskStatus.Succeeded, "completed")));

        Assert.Equal(ErrorCodes.ResultExpired, error.Code);
    }

    [Theory]
    [InlineData("video.completed", ProviderTaskStatus.Succeeded)]
    [InlineData("video.failed", ProviderTaskStatus.Failed)]
    [InlineData("video.something_new", ProviderTaskStatus.Running)]
    public void ParseCallback_VideoEvent_GivesTheVideoIdAndAStatusHint(string type, ProviderTaskStatus expected)
    {
        var task = Client.ParseCallback(Encoding.UTF8.GetBytes($$$"""
            {"id":"evt_abc123","object":"event","created_at":1719168000,"type":"{{{type}}}","data":{"id":"video_123"}}
            """));

        Assert.Equal("video_123", task.TaskId);
        Assert.Equal(expected, task.Status);
        Assert.Equal(type, task.RawStatus);
    }

    [Theory]
    [InlineData("""{"id":"evt_1","object":"event","type":"response.completed","data":{"id":"resp_1"}}""")]
    [InlineData("""{"id":"evt_1","object":"event","type":"video.completed","data":{}}""")]
    [InlineData("""{"id":"evt_1","object":"event","data":{"id":"video_1"}}""")]
    [InlineData("not json")]
    public void ParseCallback_NotAVideoEvent_ThrowsProtocolError(string json)
    {
        Assert.Equal(
            ErrorCodes.ProviderProtocolError,
            Assert.Throws<ProviderException>(() => Client.ParseCallback(Encoding.UTF8.GetBytes(json))).Code);
    }
}
