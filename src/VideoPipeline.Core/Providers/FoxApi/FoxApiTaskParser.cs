using System.Text.Json;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.FoxApi;

/// <summary>
/// Reads a FoxAPI task (submit answer, <c>GET /v1/tasks/{id}</c> answer, callback body — all the same shape).
/// Accepts every documented shape: <c>results</c> as <c>["url"]</c>, <c>[{"url":…}]</c> or null; the older
/// <c>output: {url, urls[]}</c>; <c>task_info {can_cancel, estimated_time}</c>; <c>completed</c> without results yet.
/// </summary>
internal static class FoxApiTaskParser
{
    private const ProviderName Provider = ProviderName.FoxApi;

    public static ProviderTask Parse(JsonElement task)
    {
        if (task.ValueKind != JsonValueKind.Object)
        {
            throw ProviderErrors.Protocol(Provider, $"expected a task object, got {task.ValueKind}");
        }

        var id = task.String("id") ?? throw ProviderErrors.Protocol(Provider, "task has no id");
        var rawStatus = task.String("status");
        var status = ProviderStatusMap.Normalise(Provider, rawStatus);

        // task_info.can_cancel is reported, but FoxAPI documents no cancel endpoint, so it is not surfaced.
        var estimatedSeconds = task.Property("task_info")?.Number("estimated_time");

        return new ProviderTask(
            id,
            status,
            rawStatus!,
            Progress: task.Int32("progress") is { } progress ? Math.Clamp(progress, 0, 100) : null,
            EstimatedTime: estimatedSeconds is > 0 ? TimeSpan.FromSeconds(estimatedSeconds.Value) : null,
            // A completed task may report results: null for a short while; it stays Succeeded with no URL and the
            // workflow keeps polling until one appears.
            ResultUrls: ResultUrls(task),
            Error: status switch
            {
                ProviderTaskStatus.Failed => Failure(task),
                ProviderTaskStatus.Cancelled => new JobError(ErrorCodes.Cancelled, $"{Provider} reports the task as cancelled"),
                _ => null,
            });
    }

    private static List<Uri> ResultUrls(JsonElement task)
    {
        var urls = new List<Uri>();
        AddItems(urls, task.Property("results"));
        if (task.Property("output") is { ValueKind: JsonValueKind.Object } output)
        {
            HttpUrl.AddResult(Provider, urls, output.String("url"));
            AddItems(urls, output.Property("urls"));
        }

        return urls;
    }

    /// <summary>An array of <c>"url"</c> or <c>{"url":…}</c> items; anything else (null, absent) adds nothing.</summary>
    private static void AddItems(List<Uri> urls, JsonElement? items)
    {
        if (items is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                HttpUrl.AddResult(Provider, urls, item.ValueKind == JsonValueKind.String ? item.GetString() : item.String("url"));
            }
        }
    }

    private static JobError Failure(JsonElement task) => task.Property("error") switch
    {
        { ValueKind: JsonValueKind.Object } error => TaskFailureClassifier.ToJobError(Provider, error.String("code"), error.String("message")),
        { ValueKind: JsonValueKind.String } error => TaskFailureClassifier.ToJobError(Provider, null, error.GetString()),
        _ => TaskFailureClassifier.ToJobError(Provider, null, null),
    };
}
