using System.Net;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Stats;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_AfterAFullJob_CountsPerTaskPerPromptAndPerProvider()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await EmulatorServer.StartAsync(TestOptions.With(receiver));
        using var client = new EmulatorClient(emulator);
        var name = Guid.NewGuid().ToString("N");
        var prompt = Prompts.Unique();
        var id = await client.CreateFoxTaskAsync(prompt, receiver.UrlFor(name, failFirst: 1));
        var done = await client.WaitForFoxTaskAsync(id, "completed");
        await client.Anonymous.GetByteArrayAsync(done.GetProperty("results")[0].GetString());
        await receiver.WaitForAsync(name, 2);

        var stats = await Poll.UntilAsync(client.GetStatsAsync, s => s.Stat("tasks", id, "callbacksDelivered") == 1);

        var statusCalls = stats.Stat("tasks", id, "statusCalls");
        Assert.True(statusCalls >= 1);
        Assert.Equal(1, stats.Stat("tasks", id, "tasksCreated"));
        Assert.Equal(1, stats.Stat("tasks", id, "contentDownloads"));
        Assert.Equal(2, stats.Stat("tasks", id, "callbacksSent"));
        Assert.Equal(1, stats.Stat("tasks", id, "callbacksFailed"));
        Assert.Equal("foxapi", stats.GetProperty("tasks").GetProperty(id).Str("provider"));
        Assert.Equal(prompt, stats.GetProperty("tasks").GetProperty(id).Str("prompt"));
        Assert.Equal(1, stats.Stat("prompts", prompt, "submissions"));
        Assert.Equal(statusCalls, stats.Stat("prompts", prompt, "statusCalls"));
        Assert.Equal(1, stats.Stat("providers", "foxapi", "submissions"));
        Assert.Equal(0, stats.Stat("providers", "openai", "submissions"));
        Assert.Equal(1, stats.Stat("overall", "contentDownloads"));
        Assert.Equal(1, stats.Stat("overall", "maxRunningTasks"));
    }

    [Fact]
    public async Task Stats_RunningTasks_TracksCurrentAndMaximumPerProvider()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await EmulatorServer.StartAsync(null, clock, CancellationToken.None);
        using var client = new EmulatorClient(emulator);
        await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=10]"));
        await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=20]"));
        await client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=10]"));

        var busy = await client.GetStatsAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var later = await client.GetStatsAsync();

        Assert.Equal(2, busy.Stat("providers", "foxapi", "runningTasks"));
        Assert.Equal(1, busy.Stat("providers", "openai", "runningTasks"));
        Assert.Equal(3, busy.Stat("overall", "runningTasks"));
        Assert.Equal(1, later.Stat("providers", "foxapi", "runningTasks"));
        Assert.Equal(2, later.Stat("providers", "foxapi", "maxRunningTasks"));
        Assert.Equal(3, later.Stat("overall", "maxRunningTasks"));
    }

    [Fact]
    public async Task Reset_WithTasksAndPendingCallbacks_ForgetsThemAll()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await EmulatorServer.StartAsync(TestOptions.With(receiver));
        using var client = new EmulatorClient(emulator);
        var cancelled = Guid.NewGuid().ToString("N");
        var sentinel = Guid.NewGuid().ToString("N");
        var prompt = Prompts.Unique("[emu:seconds=1][emu:submit=500]");
        (await client.SubmitAsync("foxapi", prompt)).Dispose();

        var id = await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1]"), receiver.UrlFor(cancelled));

        using var reset = await client.Anonymous.PostAsync("emulator/reset", null);
        var stats = await client.GetStatsAsync();
        using var task = await client.FoxApi.GetAsync($"v1/tasks/{id}");
        using var retried = await client.SubmitAsync("foxapi", prompt);
        await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=2]"), receiver.UrlFor(sentinel));
        await receiver.WaitForAsync(sentinel, 1);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, stats.Stat("overall", "submissions"));
        Assert.Empty(stats.GetProperty("tasks").EnumerateObject());
        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, retried.StatusCode);
        Assert.Empty(receiver.For(cancelled));
    }

    [Fact]
    public async Task Stats_RejectedSubmissions_AreCountedPerProvider()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var client = new EmulatorClient(emulator);

        (await client.SubmitFoxAsync(new { model = "sora-3", prompt = "p" })).Dispose();
        (await client.CreateOpenAiAsync("p", seconds: "7")).Dispose();
        (await client.SubmitApixoAsync(new { input = new { mode = "text-to-video" } })).Dispose();
        (await client.SubmitAsync("apixo", Prompts.Unique("[emu:teleport]"))).Dispose();
        var stats = await client.GetStatsAsync();

        Assert.Equal(1, stats.Stat("providers", "foxapi", "submissions"));
        Assert.Equal(1, stats.Stat("providers", "openai", "submissions"));
        Assert.Equal(2, stats.Stat("providers", "apixo", "submissions"));
        Assert.Equal(0, stats.Stat("overall", "tasksCreated"));
    }

    [Fact]
    public async Task Health_Always_ReturnsOk()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var client = new EmulatorClient(emulator);

        Assert.Equal("ok", await client.Anonymous.GetStringAsync("emulator/health"));
    }
}
