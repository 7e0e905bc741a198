using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Apixo;

public sealed class ApixoTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    [Fact]
    public async Task Generate_TextToVideo_ReturnsSuccessEnvelopeWithTaskId()
    {
        using var response = await Client.SubmitApixoAsync(new
        {
            request_type = "async",
            provider = "official",
            input = new { mode = "text-to-video", prompt = Prompts.Unique(), duration = 8, size = "1792*1024" },
        });

        var envelope = await response.ReadJsonAsync(200);
        Assert.Equal(200, envelope.GetProperty("code").GetInt32());
        Assert.Equal("success", envelope.Str("message"));
        Assert.False(string.IsNullOrEmpty(envelope.GetProperty("data").Str("taskId")));
    }

    [Fact]
    public async Task Generate_ImageToVideo_IsAccepted()
    {
        var image = new Uri(Client.Emulator.BaseUrl, "samples/first-frame.png").ToString();

        using var response = await Client.SubmitApixoAsync(new
        {
            request_type = "async",
            provider = "official",
            input = new { mode = "image-to-video", prompt = Prompts.Unique(), duration = 12, resolution = "1080p", image_urls = new[] { image } },
        });

        await response.ReadJsonAsync(200);
    }

    [Fact]
    public async Task Status_CompletedTask_ReportsSuccessWithResultJsonAsString()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=0.5]"));

        var status = await Client.WaitForApixoTaskAsync(taskId, "success");

        Assert.Equal(200, status.GetProperty("code").GetInt32());
        var data = status.GetProperty("data");
        Assert.Equal(taskId, data.Str("taskId"));
        Assert.Equal(JsonValueKind.String, data.GetProperty("resultJson").ValueKind);
        using var result = JsonDocument.Parse(data.Str("resultJson")!);
        var url = result.RootElement.GetProperty("resultUrls")[0].GetString()!;
        Assert.True(data.IsNull("failCode"));
        Assert.True(data.IsNull("failMsg"));
        var createTime = data.GetProperty("createTime").GetInt64();
        var completeTime = data.GetProperty("completeTime").GetInt64();
        Assert.Equal(500, completeTime - createTime);
        Assert.Equal(500, data.GetProperty("costTime").GetInt64());

        var video = await Client.Anonymous.GetByteArrayAsync(url);
        Assert.Null(await Ffmpeg.ValidateAsync(video));
    }

    [Fact]
    public async Task Status_WhileGenerating_HasNoResultOrCompletionTimes()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=600]"));

        var data = (await Client.GetApixoTaskAsync(taskId)).GetProperty("data");

        Assert.Contains(data.Str("state"), new[] { "pending", "processing" });
        Assert.True(data.IsNull("resultJson"));
        Assert.True(data.IsNull("completeTime"));
        Assert.True(data.IsNull("costTime"));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "bad request_type", """{"request_type":"sync","input":{"mode":"text-to-video","prompt":"p"}}""" },
        { "callback without url", """{"request_type":"callback","input":{"mode":"text-to-video","prompt":"p"}}""" },
        { "callback url not a url", """{"request_type":"callback","callback_url":"nope","input":{"mode":"text-to-video","prompt":"p"}}""" },
        { "unknown routing", """{"provider":"cheap","input":{"mode":"text-to-video","prompt":"p"}}""" },
        { "missing input", """{"request_type":"async"}""" },
        { "missing prompt", """{"input":{"mode":"text-to-video"}}""" },
        { "prompt too long", $$$"""{"input":{"mode":"text-to-video","prompt":"{{{new string('a', 5001)}}}"}}""" },
        { "bad mode", """{"input":{"mode":"video-to-video","prompt":"p"}}""" },
        { "bad duration", """{"input":{"mode":"text-to-video","prompt":"p","duration":5}}""" },
        { "bad size", """{"input":{"mode":"text-to-video","prompt":"p","size":"1280x720"}}""" },
        { "image mode without image", """{"input":{"mode":"image-to-video","prompt":"p"}}""" },
        { "image mode with two images", """{"input":{"mode":"image-to-video","prompt":"p","image_urls":["https://a/1.png","https://a/2.png"]}}""" },
        { "bad resolution", """{"input":{"mode":"image-to-video","prompt":"p","image_urls":["https://a/1.png"],"resolution":"4k"}}""" },
        { "not JSON", "{" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Generate_InvalidRequest_Returns400Envelope(string why, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Client.Apixo.PostAsync("api/v1/generateTask/sora-2-pro", content);

        var error = await response.ReadJsonAsync(400);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.Str("message")), why);
    }

    [Fact]
    public async Task Generate_UnknownModel_Returns400()
    {
        using var response = await Client.SubmitApixoAsync(new { input = new { mode = "text-to-video", prompt = "p" } }, model: "kling-9");

        Assert.Equal(400, (await response.ReadJsonAsync(400)).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fox-emulator-key")]
    public async Task Request_MissingOrWrongKey_Returns401Envelope(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/statusTask/sora-2-pro?taskId=x");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await Client.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"code":401,"message":"Invalid or missing API key"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("api/v1/statusTask/sora-2-pro?taskId=missing", 404)]
    [InlineData("api/v1/statusTask/sora-2-pro", 400)]
    [InlineData("api/v1/statusTask/kling-9?taskId=missing", 400)]
    public async Task Status_BadQuery_ReturnsEnvelopeWithHttpStatus(string path, int status)
    {
        using var response = await Client.Apixo.GetAsync(path);

        Assert.Equal(status, (await response.ReadJsonAsync(status)).GetProperty("code").GetInt32());
    }
}
