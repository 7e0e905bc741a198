using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.FoxApi;

public sealed class FoxApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    [Fact]
    public async Task Submit_ValidSora2Request_ReturnsPendingTaskInDocumentedShape()
    {
        using var response = await Client.SubmitFoxAsync(new { model = "sora-2", prompt = Prompts.Unique(), aspect_ratio = "16:9", duration = 8 });

        var task = await response.ReadJsonAsync(200);
        Assert.StartsWith("task-unified-", task.Str("id"));
        Assert.Equal("sora-2", task.Str("model"));
        Assert.Equal("video.generation.task", task.Str("object"));
        Assert.Equal("video", task.Str("type"));
        Assert.Equal("pending", task.Str("status"));
        Assert.Equal(0, task.GetProperty("progress").GetInt32());
        Assert.True(task.GetProperty("created").GetInt64() > 1_700_000_000);
        Assert.True(task.GetProperty("task_info").GetProperty("can_cancel").GetBoolean());
        Assert.True(task.GetProperty("task_info").GetProperty("estimated_time").GetInt32() >= 1);
    }

    [Fact]
    public async Task GetTask_FullLifecycle_EndsCompletedWithDownloadableValidMp4()
    {
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=0.5]"));
        var seen = new List<(string Status, int Progress)>();

        var done = await Poll.UntilAsync(
            async () =>
            {
                var task = await Client.GetFoxTaskAsync(id);
                seen.Add((task.Str("status")!, task.GetProperty("progress").GetInt32()));
                return task;
            },
            task => task.Str("status") == "completed");

        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.True(done.IsNull("error"));
        Assert.False(done.GetProperty("task_info").GetProperty("can_cancel").GetBoolean());
        var order = new[] { "pending", "processing", "completed" };
        Assert.All(seen.Zip(seen.Skip(1)), pair =>
        {
            Assert.True(Array.IndexOf(order, pair.First.Status) <= Array.IndexOf(order, pair.Second.Status));
            Assert.True(pair.First.Progress <= pair.Second.Progress);
        });

        var url = done.GetProperty("results")[0].GetString()!;
        using var download = await Client.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("video/mp4", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(64 * 1024, bytes.Length);
        Assert.Null(await Ffmpeg.ValidateAsync(bytes));
    }

    [Theory]
    [InlineData("video")]
    [InlineData("video_url")]
    public async Task Submit_VeoExtendWithEitherVideoField_IsAccepted(string field)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = "veo-3.1-extend",
            ["prompt"] = Prompts.Unique(),
            [field] = new Uri(Client.Emulator.BaseUrl, "samples/input.mp4").ToString(),
            ["aspect_ratio"] = "16:9",
            ["generate_audio"] = true,
        };

        using var response = await Client.SubmitFoxAsync(body);

        Assert.Equal("veo-3.1-extend", (await response.ReadJsonAsync(200)).Str("model"));
    }

    [Fact]
    public async Task Submit_SoraPreviewWithImageUrl_IsAccepted()
    {
        var image = new Uri(Client.Emulator.BaseUrl, "samples/first-frame.png").ToString();

        using var response = await Client.SubmitFoxAsync(new
        {
            model = "sora-2-preview", prompt = Prompts.Unique(), image_url = image, duration = 5, size = "auto", model_params = new { },
        });

        Assert.Equal("sora-2-preview", (await response.ReadJsonAsync(200)).Str("model"));
    }

    [Fact]
    public async Task Submit_Sora2ProWithImageUrlsAndOptions_IsAccepted()
    {
        var image = new Uri(Client.Emulator.BaseUrl, "samples/first-frame.png").ToString();

        using var response = await Client.SubmitFoxAsync(new
        {
            model = "sora-2-pro", prompt = Prompts.Unique(), image_urls = new[] { image }, aspect_ratio = "9:16", duration = 12,
            resolution = "1080p", character_ids = new[] { "char_a", "char_b" }, delete_video = false,
        });

        Assert.Equal("sora-2-pro", (await response.ReadJsonAsync(200)).Str("model"));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "unknown model", """{"model":"sora-3","prompt":"p"}""" },
        { "missing model", """{"prompt":"p"}""" },
        { "missing prompt", """{"model":"sora-2"}""" },
        { "empty prompt", """{"model":"sora-2","prompt":"  "}""" },
        { "prompt too long (sora-2)", $$"""{"model":"sora-2","prompt":"{{new string('a', 5001)}}"}""" },
        { "prompt too long (sora-2-preview)", $$"""{"model":"sora-2-preview","prompt":"{{new string('a', 2001)}}"}""" },
        { "bad duration", """{"model":"sora-2","prompt":"p","duration":7}""" },
        { "duration not a number", """{"model":"sora-2","prompt":"p","duration":"long"}""" },
        { "bad preview duration", """{"model":"sora-2-preview","prompt":"p","duration":21}""" },
        { "bad aspect ratio", """{"model":"sora-2","prompt":"p","aspect_ratio":"4:3"}""" },
        { "bad preview size", """{"model":"sora-2-preview","prompt":"p","size":"7:1"}""" },
        { "bad resolution", """{"model":"sora-2","prompt":"p","resolution":"4k"}""" },
        { "two first frames", """{"model":"sora-2","prompt":"p","image_urls":["https://a/1.png","https://a/2.png"]}""" },
        { "three characters", """{"model":"sora-2","prompt":"p","character_ids":["a","b","c"]}""" },
        { "veo without video", """{"model":"veo-3.1-extend-fast","prompt":"p"}""" },
        { "veo bad aspect ratio", """{"model":"veo-3.1-extend","prompt":"p","video":"https://a/v.mp4","aspect_ratio":"1:1"}""" },
        { "callback not a URL", """{"model":"sora-2","prompt":"p","callback_url":"not a url"}""" },
        { "not JSON", "{model:" },
        { "JSON array", "[]" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Submit_InvalidRequest_Returns400InvalidRequestError(string why, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Client.FoxApi.PostAsync("v1/videos/generations", content);

        var error = (await response.ReadJsonAsync(400)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.Str("type"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")), why);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("openai-emulator-key")]
    public async Task Request_MissingOrWrongKey_Returns401AuthenticationError(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/videos/generations")
        {
            Content = JsonContent.Create(new { model = "sora-2", prompt = Prompts.Unique() }),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await Client.Anonymous.SendAsync(request);

        var error = (await response.ReadJsonAsync(401)).GetProperty("error");
        Assert.Equal("authentication_error", error.Str("type"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
    }

    [Fact]
    public async Task GetTask_UnknownId_Returns404NotFound()
    {
        using var response = await Client.FoxApi.GetAsync("v1/tasks/task-unified-1-missing");

        Assert.Equal("not_found", (await response.ReadJsonAsync(404)).GetProperty("error").Str("type"));
    }

    [Fact]
    public async Task GetTask_IdOfAnotherProvidersTask_Returns404()
    {
        var videoId = await Client.CreateOpenAiVideoAsync(Prompts.Unique());

        using var response = await Client.FoxApi.GetAsync($"v1/tasks/{videoId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
