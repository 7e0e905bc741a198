using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.OpenAi;

/// <summary>
/// OpenAI's project webhooks: one configured endpoint receives <c>video.completed</c> / <c>video.failed</c> events,
/// signed with Standard Webhooks. The <c>webhook-id</c> stays the same on every retry; the timestamp and signature are
/// renewed per attempt.
/// </summary>
internal sealed class OpenAiWebhookChannel(IOptions<EmulatorOptions> options) : ICallbackChannel
{
    public ProviderKind Provider => ProviderKind.OpenAi;

    public CallbackTarget? TargetFor(EmulatedTask task) =>
        options.Value.OpenAi.WebhookUrl is { } url ? new CallbackTarget(url, options.Value.OpenAi.Webhooks) : null;

    public CallbackMessage CreateMessage(EmulatedTask task, DateTimeOffset asOf, DateTimeOffset now)
    {
        var completedAt = task.CompletedAt < now ? task.CompletedAt : now;
        var type = task.SnapshotAt(asOf).Phase == TaskPhase.Failed ? "video.failed" : "video.completed";
        var body = JsonResults.ToWireBytes(new JsonObject
        {
            ["id"] = TaskIds.OpenAiEvent(),
            ["object"] = "event",
            ["created_at"] = completedAt.ToUnixTimeSeconds(),
            ["type"] = type,
            ["data"] = new JsonObject { ["id"] = task.Id },
        });

        if (!StandardWebhookSigner.TryDecodeSecret(options.Value.OpenAi.WebhookSecret, out var key))
        {
            throw new InvalidOperationException("Emulator:OpenAi:WebhookSecret is not a whsec_ secret.");
        }

        var messageId = TaskIds.WebhookMessage();
        return new CallbackMessage(body, timestamp => StandardWebhookSigner.Headers(key, messageId, timestamp, body));
    }
}
