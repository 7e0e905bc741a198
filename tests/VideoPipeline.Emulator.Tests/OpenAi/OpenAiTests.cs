using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.OpenAi;

public sealed class OpenAiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    [Fact]
    public async Task Create_MultipartWithInputReference_ReturnsQueuedVideoObject()
    {
        var png = await Client.Anonymous.GetByteArrayAsync("samples/first-frame.png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("sora-2-pro"), "model" },
            { new StringContent(Prompts.Unique()), "prompt" },
            { new StringContent("1792x1024"), "size" },
            { new StringContent("8"), "seconds" },
            { new ByteArrayContent(png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "input_reference", "frame.png" },
        };

        using var response = await Client.OpenAi.PostAsync("v1/videos", form);

        var video = await response.ReadJsonAsync(200);
        Assert.Matches("^video_[0-9a-f]{48}$", video.Str("id"));
        Assert.Equal("video", video.Str("object"));
        Assert.Equal("queued", video.Str("status"));
        Assert.Equal(0, video.GetProperty("progress").GetInt32());
        Assert.Equal("sora-2-pro", video.Str("model"));
        Assert.Equal("8", video.Str("seconds"));
        Assert.Equal("1792x1024", video.Str("size"));
        Assert.True(video.GetProperty("created_at").GetInt64() > 1_700_000_000);
        Assert.True(video.IsNull("completed_at"));
        Assert.True(video.IsNull("expires_at"));
        Assert.True(video.IsNull("remixed_from_video_id"));
        Assert.True(video.IsNull("error"));
    }

    [Fact]
    public async Task Create_JsonBodyWithDefaults_UsesDocumentedDefaults()
    {
        using var response = await Client.OpenAi.PostAsJsonAsync("v1/videos", new { prompt = Prompts.Unique() });

        var video = await response.ReadJsonAsync(200);
        Assert.Equal("sora-2", video.Str("model"));
        Assert.Equal("720x1280", video.Str("size"));
        Assert.Equal("4", video.Str("seconds"));
    }

    [Theory]
    [InlineData("sora-2", "999x999", "4", "size")]
    [InlineData("sora-2", "1792x1024", "4", "size")]
    [InlineData("sora-2", "720x1280", "7", "seconds")]
    [InlineData("sora-3", "720x1280", "4", "model")]
    public async Task Create_UnsupportedValue_Returns400NamingTheParameter(string model, string size, string seconds, string param)
    {
        using var response = await Client.CreateOpenAiAsync(Prompts.Unique(), model, size, seconds);

        var error = (await response.ReadJsonAsync(400)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.Str("type"));
        Assert.Equal(param, error.Str("param"));
        Assert.Equal("invalid_value", error.Str("code"));
    }

    [Fact]
    public async Task Create_MissingPrompt_Returns400MissingRequiredParameter()
    {
        using var form = new MultipartFormDataContent { { new StringContent("sora-2"), "model" } };

        using var response = await Client.OpenAi.PostAsync("v1/videos", form);

        var error = (await response.ReadJsonAsync(400)).GetProperty("error");
        Assert.Equal("prompt", error.Str("param"));
        Assert.Equal("missing_required_parameter", error.Str("code"));
    }

    [Fact]
    public async Task Create_InputReferenceNotAnImage_Returns400()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Prompts.Unique()), "prompt" },
            { new ByteArrayContent("plain text"u8.ToArray()), "input_reference", "notes.txt" },
        };

        using var response = await Client.OpenAi.PostAsync("v1/videos", form);

        Assert.Equal("input_reference", (await response.ReadJsonAsync(400)).GetProperty("error").Str("param"));
    }

    [Fact]
    public async Task Retrieve_WhileGenerating_SendsPollAfterHeader()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=600]"));

        using var response = await Client.OpenAi.GetAsync($"v1/videos/{id}");

        await response.ReadJsonAsync(200);
        var pollAfter = long.Parse(response.Header("openai-poll-after-ms")!);
        Assert.InRange(pollAfter, 100, 5000);
    }

    [Fact]
    public async Task Retrieve_Completed_OmitsPollAfterHeaderAndReportsTimes()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());
        await Client.WaitForOpenAiVideoAsync(id, "completed");

        using var response = await Client.OpenAi.GetAsync($"v1/videos/{id}");

        var video = await response.ReadJsonAsync(200);
        Assert.Null(response.Header("openai-poll-after-ms"));
        Assert.Equal(100, video.GetProperty("progress").GetInt32());
        var completedAt = video.GetProperty("completed_at").GetInt64();
        Assert.True(completedAt >= video.GetProperty("created_at").GetInt64());
        Assert.Equal(completedAt + 3600, video.GetProperty("expires_at").GetInt64(), tolerance: 1);
    }

    [Fact]
    public async Task Content_CompletedVideo_ServesVideoThumbnailAndSpritesheet()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:bytes=300000]"));
        await Client.WaitForOpenAiVideoAsync(id, "completed");

        using var video = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");
        using var defaultVariant = await Client.OpenAi.GetAsync($"v1/videos/{id}/content?variant=video");
        using var thumbnail = await Client.OpenAi.GetAsync($"v1/videos/{id}/content?variant=thumbnail");
        using var spritesheet = await Client.OpenAi.GetAsync($"v1/videos/{id}/content?variant=spritesheet");

        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        var bytes = await video.Content.ReadAsByteArrayAsync();
        Assert.Equal(300_000, bytes.Length);
        Assert.Equal(bytes, await defaultVariant.Content.ReadAsByteArrayAsync());
        Assert.Null(await Ffmpeg.ValidateAsync(bytes));
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        var webp = await thumbnail.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(webp, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(webp, 8, 4));
        Assert.Equal("image/jpeg", spritesheet.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, (await spritesheet.Content.ReadAsByteArrayAsync())[..3]);
    }

    [Fact]
    public async Task Content_WithoutApiKey_Returns401()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());
        await Client.WaitForOpenAiVideoAsync(id, "completed");

        using var response = await Client.Anonymous.GetAsync($"v1/videos/{id}/content");

        Assert.Equal("invalid_api_key", (await response.ReadJsonAsync(401)).GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task Content_BeforeCompletion_Returns404()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=600]"));

        using var response = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");

        Assert.Equal("invalid_request_error", (await response.ReadJsonAsync(404)).GetProperty("error").Str("type"));
    }

    [Fact]
    public async Task Content_UnknownVariant_Returns400()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());

        using var response = await Client.OpenAi.GetAsync($"v1/videos/{id}/content?variant=poster");

        Assert.Equal("variant", (await response.ReadJsonAsync(400)).GetProperty("error").Str("param"));
    }

    [Fact]
    public async Task List_SeveralVideos_PaginatesWithCursorFields()
    {
        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultGenerationSeconds = 0.3);
        using var client = new EmulatorClient(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.CreateOpenAiVideoAsync(Prompts.Unique()));
        }

        using var first = await client.OpenAi.GetAsync("v1/videos?limit=2");
        var page1 = await first.ReadJsonAsync(200);
        using var second = await client.OpenAi.GetAsync($"v1/videos?limit=2&after={page1.Str("last_id")}");
        var page2 = await second.ReadJsonAsync(200);
        using var ascending = await client.OpenAi.GetAsync("v1/videos?order=asc");
        var all = await ascending.ReadJsonAsync(200);

        Assert.Equal("list", page1.Str("object"));
        Assert.Equal(new[] { ids[2], ids[1] }, page1.GetProperty("data").EnumerateArray().Select(v => v.Str("id")));
        Assert.Equal(ids[2], page1.Str("first_id"));
        Assert.Equal(ids[1], page1.Str("last_id"));
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal(new[] { ids[0] }, page2.GetProperty("data").EnumerateArray().Select(v => v.Str("id")));
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids, all.GetProperty("data").EnumerateArray().Select(v => v.Str("id")));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("order=sideways", "order")]
    [InlineData("after=video_missing", "after")]
    public async Task List_InvalidQuery_Returns400(string query, string param)
    {
        using var response = await Client.OpenAi.GetAsync($"v1/videos?{query}");

        Assert.Equal(param, (await response.ReadJsonAsync(400)).GetProperty("error").Str("param"));
    }

    [Fact]
    public async Task Delete_CompletedVideo_ReturnsDeletedObjectThenVideoIsGone()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());
        await Client.WaitForOpenAiVideoAsync(id, "completed");

        using var delete = await Client.OpenAi.DeleteAsync($"v1/videos/{id}");
        using var retrieve = await Client.OpenAi.GetAsync($"v1/videos/{id}");
        using var content = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");

        var deleted = await delete.ReadJsonAsync(200);
        Assert.Equal(id, deleted.Str("id"));
        Assert.Equal("video.deleted", deleted.Str("object"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, retrieve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }

    [Fact]
    public async Task Delete_VideoStillGenerating_Returns400()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=600]"));

        using var response = await Client.OpenAi.DeleteAsync($"v1/videos/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Remix_CompletedVideo_CreatesVideoRemixedFromIt()
    {
        using var created = await Client.CreateOpenAiAsync(Prompts.Unique(), "sora-2", "1280x720", "12");
        var sourceId = (await created.ReadJsonAsync(200)).Str("id")!;
        await Client.WaitForOpenAiVideoAsync(sourceId, "completed");

        using var response = await Client.OpenAi.PostAsJsonAsync($"v1/videos/{sourceId}/remix", new { prompt = Prompts.Unique() });

        var remix = await response.ReadJsonAsync(200);
        Assert.NotEqual(sourceId, remix.Str("id"));
        Assert.Equal(sourceId, remix.Str("remixed_from_video_id"));
        Assert.Equal("1280x720", remix.Str("size"));
        Assert.Equal("12", remix.Str("seconds"));
        Assert.Equal("completed", (await Client.WaitForOpenAiVideoAsync(remix.Str("id")!, "completed")).Str("status"));
    }

    [Fact]
    public async Task Remix_VideoStillGenerating_Returns400()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=600]"));

        using var response = await Client.OpenAi.PostAsJsonAsync($"v1/videos/{id}/remix", new { prompt = Prompts.Unique() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Remix_UnknownVideo_Returns404()
    {
        using var response = await Client.OpenAi.PostAsJsonAsync("v1/videos/video_missing/remix", new { prompt = "p" });

        await response.ReadJsonAsync(404);
    }

    [Fact]
    public async Task Retrieve_UnknownVideo_Returns404InOpenAiShape()
    {
        using var response = await Client.OpenAi.GetAsync("v1/videos/video_missing");

        var error = (await response.ReadJsonAsync(404)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.Str("type"));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Request_MissingKey_Returns401InvalidApiKey()
    {
        using var response = await Client.Anonymous.GetAsync("v1/videos");

        var error = (await response.ReadJsonAsync(401)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.Str("type"));
        Assert.Equal("invalid_api_key", error.Str("code"));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Request_WrongKey_Returns401WithoutEchoingTheWholeKey()
    {
        const string wrongKey = "sk-wrong-key-0123456789";
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/videos");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrongKey);

        using var response = await Client.Anonymous.SendAsync(request);

        var error = (await response.ReadJsonAsync(401)).GetProperty("error");
        Assert.Equal("invalid_api_key", error.Str("code"));
        Assert.DoesNotContain(wrongKey, error.Str("message"));
        Assert.Contains("6789", error.Str("message"));
    }
}
