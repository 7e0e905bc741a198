using System.Net;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Faults;

/// <summary>Every <c>[emu:…]</c> directive, through every dialect that supports it.</summary>
public sealed class DirectiveTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string> Providers => new() { "foxapi", "openai", "apixo" };

    private EmulatorClient Client => fixture.Client;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit429Directive_FirstAttempt_Returns429WithRetryAfterThenSucceeds(string provider)
    {
        var prompt = Prompts.Unique("[emu:submit=429]");

        using var first = await Client.SubmitAsync(provider, prompt);
        using var second = await Client.SubmitAsync(provider, prompt);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("1", first.Header("Retry-After"));
        AssertProviderError(provider, await first.ReadJsonAsync(429), 429);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stats = await Client.GetStatsAsync();
        Assert.Equal(2, stats.Stat("prompts", prompt, "submissions"));
        Assert.Equal(1, stats.Stat("prompts", prompt, "rateLimited"));
        Assert.Equal(1, stats.Stat("prompts", prompt, "tasksCreated"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit500Directive_FirstAttempt_Returns500ThenSucceeds(string provider)
    {
        var prompt = Prompts.Unique("[emu:submit=500]");

        using var first = await Client.SubmitAsync(provider, prompt);
        using var second = await Client.SubmitAsync(provider, prompt);

        AssertProviderError(provider, await first.ReadJsonAsync(500), 500);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, (await Client.GetStatsAsync()).Stat("prompts", prompt, "tasksCreated"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitTimeoutDirective_FirstAttempt_CreatesTaskButDropsTheConnection(string provider)
    {
        var prompt = Prompts.Unique("[emu:submit=timeout]");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.SubmitAsync(provider, prompt));
        var afterFirst = await Client.GetStatsAsync();
        using var second = await Client.SubmitAsync(provider, prompt);

        Assert.Equal(1, afterFirst.Stat("prompts", prompt, "tasksCreated"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await Client.GetStatsAsync()).Stat("prompts", prompt, "tasksCreated"));
    }

    [Fact]
    public async Task SubmitTimeoutDirective_DroppedSubmission_TaskStillRunsAndCallsBack()
    {
        var name = Guid.NewGuid().ToString("N");
        var prompt = Prompts.Unique("[emu:submit=timeout]");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.SubmitFoxAsync(
            new { model = "sora-2", prompt, callback_url = fixture.Receiver.UrlFor(name) }));

        var callback = (await fixture.Receiver.WaitForAsync(name, 1))[0].Json;
        Assert.Equal("completed", callback.Str("status"));
        Assert.Equal(prompt, (await Client.GetStatsAsync()).GetProperty("tasks").GetProperty(callback.Str("id")!).Str("prompt"));
    }

    [Fact]
    public async Task FailDirective_FoxApi_EndsFailedWithTaskError()
    {
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:fail=insufficient_quota_upstream]"));

        var task = await Client.WaitForFoxTaskAsync(id, "failed");

        Assert.True(task.IsNull("results"));
        Assert.Equal("insufficient_quota_upstream", task.GetProperty("error").Str("code"));
        Assert.Equal("task_error", task.GetProperty("error").Str("type"));
    }

    [Fact]
    public async Task FailDirective_OpenAi_EndsFailedWithErrorCode()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:fail=moderation_blocked]"));

        var video = await Client.WaitForOpenAiVideoAsync(id, "failed");
        using var content = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");

        Assert.Equal("moderation_blocked", video.GetProperty("error").Str("code"));
        Assert.True(video.IsNull("expires_at"));
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }

    [Fact]
    public async Task FailDirective_Apixo_EndsFailedWithFailCode()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:fail=CONTENT_VIOLATION]"));

        var data = (await Client.WaitForApixoTaskAsync(taskId, "failed")).GetProperty("data");

        Assert.Equal("CONTENT_VIOLATION", data.Str("failCode"));
        Assert.False(string.IsNullOrEmpty(data.Str("failMsg")));
        Assert.True(data.IsNull("resultJson"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BytesDirective_AnyProvider_ResultHasExactlyThatSizeAndStaysValid(string provider)
    {
        var id = await Client.CreateTaskAsync(provider, Prompts.Unique("[emu:bytes=250001]"));
        var (client, url) = await Client.WaitForResultAsync(provider, id);

        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(250_001, response.Content.Headers.ContentLength);
        Assert.Equal(250_001, bytes.Length);
        Assert.Null(await Ffmpeg.ValidateAsync(bytes));
    }

    [Fact]
    public async Task BytesDirective_SmallerThanTheClip_ServesTheBareClip()
    {
        var clip = await Client.Anonymous.GetByteArrayAsync("samples/input.mp4");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:bytes=10]"));
        var (client, url) = await Client.WaitForResultAsync("foxapi", id);

        var bytes = await client.GetByteArrayAsync(url);

        Assert.Equal(clip, bytes);
    }

    [Fact]
    public async Task SecondsDirective_Decimal_SetsTheGenerationTime()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=0.75]"));

        var data = (await Client.WaitForApixoTaskAsync(taskId, "success")).GetProperty("data");

        Assert.Equal(750, data.GetProperty("costTime").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CorruptHtmlDirective_Download_ServesHtmlErrorPageWith200(string provider)
    {
        var id = await Client.CreateTaskAsync(provider, Prompts.Unique("[emu:corrupt=html]"));
        var (client, url) = await Client.WaitForResultAsync(provider, id);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CorruptTruncateDirective_Download_EndsEarly(string provider)
    {
        var id = await Client.CreateTaskAsync(provider, Prompts.Unique("[emu:corrupt=truncate][emu:bytes=200000]"));
        var (client, url) = await Client.WaitForResultAsync(provider, id);

        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var (received, failure) = await ReadUntilEndOrFailureAsync(response);

        Assert.Equal(200_000, response.Content.Headers.ContentLength);
        Assert.NotNull(failure);
        Assert.InRange(received.Length, 1, 199_999);
    }

    [Fact]
    public async Task CorruptTruncateDirective_PartialBytesOfAClipSizedResult_AreRejectedByFfmpeg()
    {
        var clipLength = (await Client.Anonymous.GetByteArrayAsync("samples/input.mp4")).Length;
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique($"[emu:corrupt=truncate][emu:bytes={clipLength}]"));
        var (client, url) = await Client.WaitForResultAsync("foxapi", id);

        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var (received, failure) = await ReadUntilEndOrFailureAsync(response);

        Assert.NotNull(failure);
        Assert.NotNull(await Ffmpeg.ValidateAsync(received));
    }

    [Theory]
    [InlineData("foxapi")]
    [InlineData("apixo")]
    public async Task ExpireDirective_ResultUrl_IsAlreadyExpired(string provider)
    {
        var id = await Client.CreateTaskAsync(provider, Prompts.Unique("[emu:expire]"));
        var (client, url) = await Client.WaitForResultAsync(provider, id);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpireDirective_OpenAi_ExpiresAtCompletionAndContentIsGone()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:expire]"));
        var video = await Client.WaitForOpenAiVideoAsync(id, "completed");

        using var content = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");

        Assert.Equal(video.GetProperty("completed_at").GetInt64(), video.GetProperty("expires_at").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }

    [Theory]
    [InlineData("foxapi", "[emu:colour=red]")]
    [InlineData("openai", "[emu:seconds=soon]")]
    [InlineData("apixo", "[emu:callback=sometimes]")]
    [InlineData("foxapi", "[emu:bytes=-5]")]
    [InlineData("openai", "[emu:seconds=1")]
    [InlineData("apixo", "[emu:seconds=1][emu:seconds=2]")]
    public async Task Submit_InvalidDirective_Returns400InTheProvidersShape(string provider, string directive)
    {
        using var response = await Client.SubmitAsync(provider, Prompts.Unique(directive));

        AssertProviderError(provider, await response.ReadJsonAsync(400), 400);
    }

    private static void AssertProviderError(string provider, JsonElement body, int status)
    {
        switch (provider)
        {
            case "foxapi":
                var type = body.GetProperty("error").Str("type");
                Assert.Equal(status switch { 429 => "rate_limit_error", 500 => "server_error", _ => "invalid_request_error" }, type);
                break;
            case "openai":
                var error = body.GetProperty("error");
                Assert.Equal(status switch { 429 => "requests", 500 => "server_error", _ => "invalid_request_error" }, error.Str("type"));
                Assert.True(error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _));
                break;
            default:
                Assert.Equal(status, body.GetProperty("code").GetInt32());
                Assert.False(string.IsNullOrEmpty(body.Str("message")));
                break;
        }
    }

    private static async Task<(byte[] Received, Exception? Failure)> ReadUntilEndOrFailureAsync(HttpResponseMessage response)
    {
        using var buffer = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(buffer);
            return (buffer.ToArray(), null);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return (buffer.ToArray(), exception);
        }
    }
}
