using System.Text;
using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Testing.Http;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Providers;

public sealed class FoxApiClientTests : ScriptedProviderTests
{
    private const string SubmitPath = "/v1/videos/generations";

    private IVideoProviderClient Client => Host.Client(ProviderName.FoxApi);

    [Fact]
    public async Task SubmitAsync_Seed000PreviewExample_SendsTheSeedBodyAndParsesTheSeedAnswer()
    {
        var seed = SeedDocument.Load("000");
        Server.On("POST", SubmitPath, Json(200, seed.ResponseJson()));
        var submission = Submissions.For(
            ProviderName.FoxApi,
            "sora-2-preview",
            Submissions.Prompt("A cat playing in the grass") with
            {
                ImageUrl = "https://example.com/image.png",
                DurationSeconds = 5,
                AspectRatio = "auto",
                ProviderOptions = new JsonObject { ["model_params"] = new JsonObject() },
            },
            new Uri("https://your-domain.com/webhooks/video-task-completed"));

        var task = await Client.SubmitAsync(submission);

        var sent = Assert.Single(Server.RequestsTo("POST", SubmitPath));
        JsonAssert.Equivalent(seed.RequestJson(), sent.Json());
        Assert.Equal("task-unified-1757165031-uyujaw3d", task.TaskId);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal("pending", task.RawStatus);
        Assert.Equal(0, task.Progress);
        Assert.Equal(TimeSpan.FromSeconds(45), task.EstimatedTime);
        Assert.Empty(task.ResultUrls);
        Assert.Null(task.Error);
    }

    [Fact]
    public async Task SubmitAsync_Seed001Sora2Example_SendsTheSeedBodyAndParsesTheSeedAnswer()
    {
        var seed = SeedDocument.Load("001");
        Server.On("POST", SubmitPath, Json(200, seed.ResponseJson()));
        var submission = Submissions.For(
            ProviderName.FoxApi,
            "sora-2",
            Submissions.Prompt("Ocean waves crashing on rocks at golden hour, cinematic") with { AspectRatio = "16:9", DurationSeconds = 8 });

        var task = await Client.SubmitAsync(submission);

        JsonAssert.Equivalent(seed.RequestJson(), Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json());
        Assert.Equal("task-unified-1757165031-uyujaw3d", task.TaskId);
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
        Assert.Equal(TimeSpan.FromSeconds(45), task.EstimatedTime);
    }

    [Fact]
    public async Task SubmitAsync_Seed004VeoExtendExample_SendsTheSeedBodyAndParsesTheSeedAnswer()
    {
        var seed = SeedDocument.Load("004");
        Server.On("POST", SubmitPath, Json(200, seed.ResponseJson()));
        var submission = Submissions.For(
            ProviderName.FoxApi,
            "veo-3.1-extend",
            Submissions.Prompt("The camera continues to pan across the landscape") with
            {
                SourceVideoUrl = "https://example.com/input-video.mp4",
                AspectRatio = "16:9",
                GenerateAudio = true,
            });

        var task = await Client.SubmitAsync(submission);

        JsonAssert.Equivalent(seed.RequestJson(), Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json());
        Assert.Equal(ProviderTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task SubmitAsync_SoraProWithEveryField_SendsDocumentedWireNames()
    {
        Server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending","progress":0}"""));
        var submission = Submissions.For(
            ProviderName.FoxApi,
            "sora-2-pro",
            Submissions.Prompt("A lone astronaut") with
            {
                ImageUrl = "https://example.com/photo.jpg",
                AspectRatio = "9:16",
                DurationSeconds = 12,
                Resolution = "1080p",
                ProviderOptions = new JsonObject
                {
                    ["character_ids"] = new JsonArray("char_abc"),
                    ["delete_video"] = false,
                    ["model_params"] = new JsonObject { ["x"] = 1 }, // not a sora-2-pro option in the catalogue
                    ["sneaky"] = "value",
                },
            },
            new Uri("https://pipeline.example/api/callbacks/foxapi/job-1?token=abc"));

        await Client.SubmitAsync(submission);

        JsonAssert.Equivalent(
            JsonNode.Parse("""
                {
                  "model": "sora-2-pro",
                  "prompt": "A lone astronaut",
                  "image_urls": ["https://example.com/photo.jpg"],
                  "aspect_ratio": "9:16",
                  "duration": 12,
                  "resolution": "1080p",
                  "character_ids": ["char_abc"],
                  "delete_video": false,
                  "callback_url": "https://pipeline.example/api/callbacks/foxapi/job-1?token=abc"
                }
                """),
            Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json());
    }

    [Fact]
    public async Task SubmitAsync_NoDurationGiven_SendsTheModelDefault()
    {
        Server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending"}"""));

        await Client.SubmitAsync(Submissions.For(ProviderName.FoxApi, "sora-2", Submissions.Prompt("p")));

        Assert.Equal(4, (int)Assert.Single(Server.RequestsTo("POST", SubmitPath)).Json()!["duration"]!);
    }

    [Fact]
    public async Task SubmitAsync_AnyModel_SendsBearerKeyAndJson()
    {
        Server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending"}"""));

        await Client.SubmitAsync(Submissions.For(ProviderName.FoxApi, "sora-2", Submissions.Prompt("p")));

        var sent = Assert.Single(Server.Requests);
        Assert.Equal("Bearer " + ProviderTestHost.FoxApiKey, sent.Header("Authorization"));
        Assert.Equal("application/json", sent.Header("Content-Type"));
    }

    [Fact]
    public async Task SubmitAsync_ModelWithoutDocumentedShape_ThrowsInvalidInputWithoutSending()
    {
        var model = ModelCatalogue.Default.Get(ProviderName.FoxApi, "sora-2") with { Model = "kling-v9" };
        var submission = new ProviderSubmission(Submissions.Prompt("p") with { Model = "kling-v9" }, model);

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.SubmitAsync(submission));

        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_CompletedTask_ReadsResultsFromTheTaskEndpoint()
    {
        Server.On("GET", "/v1/tasks/task-unified-1", Json(200, """
            {"id":"task-unified-1","object":"video.generation.task","type":"video","model":"sora-2","status":"completed",
             "progress":100,"created":1757165031,"results":["https://cdn.example/v.mp4"],"error":null,"usage":{}}
            """));

        var task = await Client.GetStatusAsync("sora-2", "task-unified-1");

        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
        Assert.Equal("completed", task.RawStatus);
        Assert.Equal(100, task.Progress);
        Assert.Equal([new Uri("https://cdn.example/v.mp4")], task.ResultUrls);
        Assert.Equal("Bearer " + ProviderTestHost.FoxApiKey, Assert.Single(Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task CancelAsync_AnyTask_ReturnsFalseWithoutCalling()
    {
        Assert.False(await Client.CancelAsync("sora-2", "task-1"));
        Assert.False(await Client.DeleteAsync("sora-2", "task-1"));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task OpenResultAsync_PublicResultUrl_StreamsWithoutAuthorizationHeader()
    {
        var video = Encoding.ASCII.GetBytes("....ftypisom fake video bytes");
        Server.On("GET", "/files/result.mp4", Bytes(200, "video/mp4", video));
        var task = new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed", ResultUrls: [Server.Url("files/result.mp4?sig=abc")]);

        await using (var content = await Client.OpenResultAsync(task))
        {
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            Assert.Equal(video, copy.ToArray());
            Assert.Equal(video.Length, content.ContentLength);
            Assert.Equal("video/mp4", content.ContentType);
        }

        var fetched = Assert.Single(Server.Requests);
        Assert.Equal("?sig=abc", fetched.Query);
        Assert.Null(fetched.Header("Authorization"));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task OpenResultAsync_ExpiredResultUrl_ThrowsResultExpired(int status)
    {
        Server.On("GET", "/files/result.mp4", Status(status));
        var task = new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed", ResultUrls: [Server.Url("files/result.mp4?sig=secret")]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.OpenResultAsync(task));

        Assert.Equal(ErrorCodes.ResultExpired, error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenResultAsync_TaskWithoutResultUrl_ThrowsResultMissing()
    {
        var task = new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed");

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client.OpenResultAsync(task));

        Assert.Equal(ErrorCodes.ResultMissing, error.Code);
    }
}
