using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Callbacks;

/// <summary>Delivery and retries against a real receiver that fails on purpose (retry delays shrunk to milliseconds).</summary>
public sealed class CallbackRetryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    private CallbackReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task FoxApiCallback_ReceiverFailsTwice_IsRetriedUntilDelivered()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique(), Receiver.UrlFor(name, failFirst: 2));

        var received = await Receiver.WaitForAsync(name, 3);
        var stats = await Poll.UntilAsync(Client.GetStatsAsync, s => s.Stat("tasks", id, "callbacksDelivered") == 1);

        Assert.Equal(new[] { 500, 500, 200 }, received.Select(r => r.AnsweredStatus));
        Assert.All(received, r => Assert.Equal(received[0].BodyText, r.BodyText));
        Assert.Equal("application/json", received[0].Headers["content-type"].Split(';')[0]);
        var body = received[0].Json;
        Assert.Equal(id, body.Str("id"));
        Assert.Equal("video.generation.task", body.Str("object"));
        Assert.Equal("completed", body.Str("status"));
        Assert.Equal(JsonValueKind.String, body.GetProperty("results")[0].ValueKind);
        Assert.Equal(3, stats.Stat("tasks", id, "callbacksSent"));
        Assert.Equal(2, stats.Stat("tasks", id, "callbacksFailed"));
        Assert.Equal(0, stats.Stat("tasks", id, "callbacksAbandoned"));
    }

    [Fact]
    public async Task FoxApiCallback_ReceiverAlwaysFails_GivesUpAfterThreeRetries()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique(), Receiver.UrlFor(name, failFirst: int.MaxValue, failStatus: 503));

        var stats = await Poll.UntilAsync(Client.GetStatsAsync, s => s.Stat("tasks", id, "callbacksAbandoned") == 1);

        Assert.Equal(4, Receiver.For(name).Count);
        Assert.Equal(4, stats.Stat("tasks", id, "callbacksSent"));
        Assert.Equal(4, stats.Stat("tasks", id, "callbacksFailed"));
    }

    [Fact]
    public async Task FoxApiCallback_ReceiverTooSlow_CountsAsFailureAndIsRetried()
    {
        await using var emulator = await EmulatorServer.StartAsync(TestOptions.With(Receiver, o =>
            o.FoxApi.Callbacks.Timeout = TimeSpan.FromMilliseconds(300)));
        using var client = new EmulatorClient(emulator);
        var name = Guid.NewGuid().ToString("N");
        var id = await client.CreateFoxTaskAsync(Prompts.Unique(), Receiver.UrlFor(name, slowFirst: 1, slowMs: 30_000));

        var stats = await Poll.UntilAsync(client.GetStatsAsync, s => s.Stat("tasks", id, "callbacksDelivered") == 1);

        Assert.Equal(2, Receiver.For(name).Count);
        Assert.Equal(1, stats.Stat("tasks", id, "callbacksFailed"));
    }

    [Fact]
    public async Task FoxApiCallback_FailedTask_CarriesTaskError()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:fail=content_policy_violation]"), Receiver.UrlFor(name));

        var body = (await Receiver.WaitForAsync(name, 1))[0].Json;

        Assert.Equal(id, body.Str("id"));
        Assert.Equal("failed", body.Str("status"));
        Assert.True(body.IsNull("results"));
        var error = body.GetProperty("error");
        Assert.Equal("content_policy_violation", error.Str("code"));
        Assert.Equal("task_error", error.Str("type"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
    }

    [Fact]
    public async Task ApixoCallback_CallbackMode_PostsTheStatusEnvelope()
    {
        var name = Guid.NewGuid().ToString("N");
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique(), Receiver.UrlFor(name));

        var body = (await Receiver.WaitForAsync(name, 1))[0].Json;

        Assert.Equal(200, body.GetProperty("code").GetInt32());
        Assert.Equal("success", body.Str("message"));
        var data = body.GetProperty("data");
        Assert.Equal(taskId, data.Str("taskId"));
        Assert.Equal("success", data.Str("state"));
        using var result = JsonDocument.Parse(data.Str("resultJson")!);
        Assert.StartsWith("http", result.RootElement.GetProperty("resultUrls")[0].GetString());
        Assert.Equal(data.GetRawText(), (await Client.GetApixoTaskAsync(taskId)).GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task ApixoCallback_ReceiverAnswers202_CountsAsFailureBecause200IsRequired()
    {
        var name = Guid.NewGuid().ToString("N");
        var taskId = await Client.CreateApixoTaskAsync(Prompts.Unique(), Receiver.UrlFor(name, okStatus: 202));

        var stats = await Poll.UntilAsync(Client.GetStatsAsync, s => s.Stat("tasks", taskId, "callbacksAbandoned") == 1);

        Assert.Equal(4, Receiver.For(name).Count);
        Assert.Equal(0, stats.Stat("tasks", taskId, "callbacksDelivered"));
    }

    [Fact]
    public async Task FoxApiCallback_ReceiverAnswers204_CountsAsDelivered()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique(), Receiver.UrlFor(name, okStatus: 204));

        var stats = await Poll.UntilAsync(Client.GetStatsAsync, s => s.Stat("tasks", id, "callbacksDelivered") == 1);

        Assert.Single(Receiver.For(name));
        Assert.Equal(1, stats.Stat("tasks", id, "callbacksSent"));
    }

    [Fact]
    public async Task ApixoAsyncMode_WithCallbackUrl_SendsNoCallback()
    {
        var silent = Guid.NewGuid().ToString("N");
        var sentinel = Guid.NewGuid().ToString("N");
        using var response = await Client.SubmitApixoAsync(new
        {
            request_type = "async",
            callback_url = Receiver.UrlFor(silent),
            input = new { mode = "text-to-video", prompt = Prompts.Unique("[emu:seconds=0.2]") },
        });
        await response.ReadJsonAsync(200);

        // A later task's callback arriving proves the earlier one would have had time to arrive.
        await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=1]"), Receiver.UrlFor(sentinel));
        await Receiver.WaitForAsync(sentinel, 1);

        Assert.Empty(Receiver.For(silent));
    }
}
