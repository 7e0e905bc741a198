using System.Net;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Tasks;

/// <summary>Lifecycle and expiry arithmetic on a manual clock: every instant is exact.</summary>
public sealed class LifecycleTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private EmulatorClient Client => fixture.Client;

    private ManualTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task FoxApiTask_AsTimePasses_GoesPendingProcessingCompletedWithRisingProgress()
    {
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=10]"));

        var start = await Client.GetFoxTaskAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(500));
        var stillPending = await Client.GetFoxTaskAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(500));
        var started = await Client.GetFoxTaskAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(4500));
        var halfway = await Client.GetFoxTaskAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(4400));
        var almost = await Client.GetFoxTaskAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        var done = await Client.GetFoxTaskAsync(id);

        AssertFox(start, "pending", 0, estimatedTime: 10);
        AssertFox(stillPending, "pending", 0, estimatedTime: 10);
        AssertFox(started, "processing", 1, estimatedTime: 9);
        AssertFox(halfway, "processing", 50, estimatedTime: 5);
        AssertFox(almost, "processing", 97, estimatedTime: 1);
        AssertFox(done, "completed", 100, estimatedTime: 0);
        Assert.True(almost.IsNull("results"));
        Assert.Equal(JsonValueKind.Array, done.GetProperty("results").ValueKind);
    }

    [Fact]
    public async Task OpenAiVideo_AsTimePasses_ReportsStatusesAndShrinkingPollHint()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=20]"));

        var (queued, queuedHint) = await RetrieveAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(19_700));
        var (inProgress, lateHint) = await RetrieveAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(250));
        var (_, lastHint) = await RetrieveAsync(id);
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        var (completed, completedHint) = await RetrieveAsync(id);

        Assert.Equal("queued", queued.Str("status"));
        Assert.Equal("5000", queuedHint);
        Assert.Equal("in_progress", inProgress.Str("status"));
        Assert.Equal("300", lateHint);
        Assert.Equal("100", lastHint);
        Assert.Equal("completed", completed.Str("status"));
        Assert.Null(completedHint);
        Assert.Equal(completed.GetProperty("created_at").GetInt64() + 20, completed.GetProperty("completed_at").GetInt64());
        Assert.Equal(completed.GetProperty("completed_at").GetInt64() + 3600, completed.GetProperty("expires_at").GetInt64());
    }

    [Fact]
    public async Task ApixoTask_AsTimePasses_ReportsStatesAndExactTimes()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=180]"));

        var pending = (await Client.GetApixoTaskAsync(taskId)).GetProperty("data");
        Clock.Advance(TimeSpan.FromSeconds(60));
        var processing = (await Client.GetApixoTaskAsync(taskId)).GetProperty("data");
        Clock.Advance(TimeSpan.FromSeconds(120));
        var success = (await Client.GetApixoTaskAsync(taskId)).GetProperty("data");

        Assert.Equal("pending", pending.Str("state"));
        Assert.Equal("processing", processing.Str("state"));
        Assert.Equal("success", success.Str("state"));
        Assert.Equal(180_000, success.GetProperty("costTime").GetInt64());
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), success.GetProperty("completeTime").GetInt64());
    }

    [Fact]
    public async Task FoxApiResultUrl_AfterTwentyFourHours_Returns403LikeAnExpiredSignedUrl()
    {
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1]"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var url = (await Client.GetFoxTaskAsync(id)).GetProperty("results")[0].GetString()!;

        using var fresh = await Client.Anonymous.GetAsync(url);
        Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        using var lastSecond = await Client.Anonymous.GetAsync(url);
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await Client.Anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task ApixoResultUrl_After15Days_Returns403()
    {
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=1]"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var resultJson = (await Client.GetApixoTaskAsync(taskId)).GetProperty("data").Str("resultJson")!;
        var url = JsonDocument.Parse(resultJson).RootElement.GetProperty("resultUrls")[0].GetString()!;

        Clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromSeconds(1));
        using var lastSecond = await Client.Anonymous.GetAsync(url);
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await Client.Anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task OpenAiContent_AfterExpiresAt_Returns404()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=1]"));
        Clock.Advance(TimeSpan.FromSeconds(1));

        using var fresh = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");
        Clock.Advance(TimeSpan.FromHours(1));
        using var expired = await Client.OpenAi.GetAsync($"v1/videos/{id}/content");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    private static void AssertFox(JsonElement task, string status, int progress, int estimatedTime)
    {
        Assert.Equal(status, task.Str("status"));
        Assert.Equal(progress, task.GetProperty("progress").GetInt32());
        Assert.Equal(estimatedTime, task.GetProperty("task_info").GetProperty("estimated_time").GetInt32());
        Assert.Equal(status is "pending" or "processing", task.GetProperty("task_info").GetProperty("can_cancel").GetBoolean());
    }

    private async Task<(JsonElement Video, string? PollAfter)> RetrieveAsync(string id)
    {
        using var response = await Client.OpenAi.GetAsync($"v1/videos/{id}");
        return (await response.ReadJsonAsync(200), response.Header("openai-poll-after-ms"));
    }
}
