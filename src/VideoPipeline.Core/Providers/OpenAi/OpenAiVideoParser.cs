using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.OpenAi;

/// <summary>
/// Reads OpenAI's video object (<c>{id, object:"video", status, progress, error:{code,message}, …}</c>) and webhook
/// events (<c>{id, object:"event", type, data:{id}}</c>). Gateways report <c>pending</c> where OpenAI says <c>queued</c>.
/// </summary>
internal static class OpenAiVideoParser
{
    private const ProviderName Provider = ProviderName.OpenAi;

    /// <summary>The response header the official SDKs' poll helper waits on (milliseconds).</summary>
    public const string PollAfterHeader = "openai-poll-after-ms";

    private static readonly Dictionary<string, ProviderTaskStatus> EventStatuses = new(StringComparer.Ordinal)
    {
        ["video.completed"] = ProviderTaskStatus.Succeeded,
        ["video.failed"] = ProviderTaskStatus.Failed,
    };

    /// <param name="video">The video object.</param>
    /// <param name="contentUrl">The authenticated content URL of a video id; a completed video's only result URL.</param>
    /// <param name="pollAfter">The <c>openai-poll-after-ms</c> hint, when the answer carried one.</param>
    public static ProviderTask Parse(JsonElement video, Func<string, Uri> contentUrl, TimeSpan? pollAfter = null)
    {
        if (video.ValueKind != JsonValueKind.Object)
        {
            throw ProviderErrors.Protocol(Provider, $"expected a video object, got {video.ValueKind}");
        }

        var id = video.String("id") ?? throw ProviderErrors.Protocol(Provider, "video has no id");
        var rawStatus = video.String("status");
        var status = ProviderStatusMap.Normalise(Provider, rawStatus);

        return new ProviderTask(
            id,
            status,
            rawStatus!,
            Progress: video.Int32("progress") is { } progress ? Math.Clamp(progress, 0, 100) : null,
            ResultUrls: status == ProviderTaskStatus.Succeeded ? [contentUrl(id)] : [],
            // The error object may be present (even filled with placeholders) while the video is still running:
            // it only counts for a failed video.
            Error: status == ProviderTaskStatus.Failed
                ? TaskFailureClassifier.ToJobError(Provider, video.Property("error")?.String("code"), video.Property("error")?.String("message"))
                : null,
            PollAfter: pollAfter);
    }

    public static TimeSpan? ReadPollAfter(HttpResponseHeaders headers) =>
        headers.TryGetValues(PollAfterHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? TimeSpan.FromMilliseconds(millis)
            : null;

    /// <summary>
    /// A webhook event as a status hint for the video in <c>data.id</c>. <c>video.completed</c> and <c>video.failed</c>
    /// map to succeeded and failed; any other <c>video.*</c> event reads as running. Only a hint: the workflow confirms
    /// with <c>GET /videos/{id}</c>, so no result URL is given here.
    /// </summary>
    public static ProviderTask ParseEvent(JsonElement webhookEvent)
    {
        if (webhookEvent.ValueKind != JsonValueKind.Object)
        {
            throw ProviderErrors.Protocol(Provider, $"expected an event object, got {webhookEvent.ValueKind}");
        }

        var type = webhookEvent.String("type") ?? throw ProviderErrors.Protocol(Provider, "event has no type");
        if (!type.StartsWith("video.", StringComparison.Ordinal))
        {
            throw ProviderErrors.Protocol(Provider, $"event '{type}' is not a video event");
        }

        var videoId = webhookEvent.Property("data")?.String("id")
                      ?? throw ProviderErrors.Protocol(Provider, $"event '{type}' has no data.id");
        var status = EventStatuses.GetValueOrDefault(type, ProviderTaskStatus.Running);

        return new ProviderTask(
            videoId,
            status,
            type,
            Error: status == ProviderTaskStatus.Failed
                ? new JobError(ErrorCodes.GenerationFailed, $"{Provider} webhook {type}: fetch the video for the reason")
                : null);
    }
}
