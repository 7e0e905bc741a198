using System.Text;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.OpenAi;

/// <summary>Project webhooks, checked with the test project's own Standard Webhooks verifier.</summary>
public sealed class OpenAiWebhookTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    private CallbackReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task Webhook_CompletedVideo_IsAStandardWebhookWithVideoCompletedEvent()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());

        var webhook = (await Receiver.WaitForVideoAsync(id, 1))[0];

        Assert.Null(StandardWebhookVerifier.Verify(TestOptions.WebhookSecret, webhook.Headers, webhook.Body, DateTimeOffset.UtcNow));
        var body = webhook.Json;
        Assert.StartsWith("evt_", body.Str("id"));
        Assert.Equal("event", body.Str("object"));
        Assert.Equal("video.completed", body.Str("type"));
        Assert.Equal(id, body.GetProperty("data").Str("id"));
        var video = await Client.GetOpenAiVideoAsync(id);
        Assert.Equal(video.GetProperty("completed_at").GetInt64(), body.GetProperty("created_at").GetInt64());
    }

    [Fact]
    public async Task Webhook_FailedVideo_SendsVideoFailedEvent()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:fail=moderation_blocked]"));

        var webhook = (await Receiver.WaitForVideoAsync(id, 1))[0];

        Assert.True(StandardWebhookVerifier.IsValid(TestOptions.WebhookSecret, webhook.Headers, webhook.Body, DateTimeOffset.UtcNow));
        Assert.Equal("video.failed", webhook.Json.Str("type"));
        var error = (await Client.GetOpenAiVideoAsync(id)).GetProperty("error");
        Assert.Equal("moderation_blocked", error.Str("code"));
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_RetriesWithSameIdAndValidSignatures()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=1]"));
        Receiver.FailFirstForVideo(id, 2);

        var deliveries = await Receiver.WaitForVideoAsync(id, 3);

        Assert.Equal(new[] { 500, 500, 200 }, deliveries.Select(d => d.AnsweredStatus));
        Assert.Single(deliveries.Select(d => d.Headers["webhook-id"]).Distinct());
        Assert.Single(deliveries.Select(d => d.BodyText).Distinct());
        Assert.All(deliveries, d =>
            Assert.True(StandardWebhookVerifier.IsValid(TestOptions.WebhookSecret, d.Headers, d.Body, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Webhook_WrongSecretOrTamperedBody_FailsIndependentVerification()
    {
        var id = await Client.CreateOpenAiVideoAsync(Prompts.Unique());
        var webhook = (await Receiver.WaitForVideoAsync(id, 1))[0];
        var tampered = Encoding.UTF8.GetBytes(webhook.BodyText.Replace("video.completed", "video.failed"));
        var otherSecret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a different secret of some length"));

        Assert.NotNull(StandardWebhookVerifier.Verify(otherSecret, webhook.Headers, webhook.Body, DateTimeOffset.UtcNow));
        Assert.NotNull(StandardWebhookVerifier.Verify(TestOptions.WebhookSecret, webhook.Headers, tampered, DateTimeOffset.UtcNow));
        Assert.NotNull(StandardWebhookVerifier.Verify(TestOptions.WebhookSecret, webhook.Headers, webhook.Body, DateTimeOffset.UtcNow.AddMinutes(10)));
    }

    [Fact]
    public async Task Webhook_NoWebhookUrlConfigured_SendsNothingAndCountsNoCallbacks()
    {
        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultGenerationSeconds = 0.2);
        using var client = new EmulatorClient(emulator);
        var id = await client.CreateOpenAiVideoAsync(Prompts.Unique());

        await client.WaitForOpenAiVideoAsync(id, "completed");
        var stats = await client.GetStatsAsync();

        Assert.Equal(0, stats.Stat("overall", "callbacksSent"));
    }
}
