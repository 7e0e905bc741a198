using System.Text.Json;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.Apixo;

/// <summary>
/// Reads APIXO's envelope <c>{code, message, data}</c>: the submit answer (<c>data.taskId</c>) and the status answer,
/// which is also the callback body (<c>data: {taskId, state, resultJson, failCode, failMsg, …}</c>). <c>resultJson</c>
/// is a JSON document inside a string, so it is parsed twice.
/// </summary>
internal static class ApixoTaskParser
{
    private const ProviderName Provider = ProviderName.Apixo;

    /// <summary>
    /// The create answer carries only the task id; a new task is <c>pending</c> in APIXO's state machine, so that is
    /// reported as its raw status.
    /// </summary>
    public static ProviderTask ParseSubmit(JsonElement envelope)
    {
        var data = Data(envelope);
        var taskId = data.String("taskId") ?? throw ProviderErrors.Protocol(Provider, "the create answer has no data.taskId");
        return new ProviderTask(taskId, ProviderTaskStatus.Pending, "pending");
    }

    public static ProviderTask ParseStatus(JsonElement envelope)
    {
        var data = Data(envelope);
        var taskId = data.String("taskId") ?? throw ProviderErrors.Protocol(Provider, "the status answer has no data.taskId");
        var rawStatus = data.String("state");
        var status = ProviderStatusMap.Normalise(Provider, rawStatus);

        return new ProviderTask(
            taskId,
            status,
            rawStatus!,
            Progress: data.Int32("progress") is { } progress ? Math.Clamp(progress, 0, 100) : null,
            ResultUrls: ResultUrls(data),
            Error: status switch
            {
                ProviderTaskStatus.Failed => TaskFailureClassifier.ToJobError(Provider, data.String("failCode"), data.String("failMsg")),
                ProviderTaskStatus.Cancelled => new JobError(ErrorCodes.Cancelled, $"{Provider} reports the task as cancelled"),
                _ => null,
            });
    }

    /// <summary>
    /// The envelope's <c>data</c>. APIXO may report an error inside an HTTP 200 answer (<c>{"code":401,…}</c>): a
    /// <c>code</c> other than 200 maps like the HTTP status it names.
    /// </summary>
    private static JsonElement Data(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            throw ProviderErrors.Protocol(Provider, $"expected an envelope object, got {envelope.ValueKind}");
        }

        if (envelope.Int32("code") is { } code && code != 200)
        {
            throw ProviderErrors.FromStatus(Provider, code, new ProviderErrorDetail(null, null, envelope.String("message")), null);
        }

        return envelope.Property("data") is { ValueKind: JsonValueKind.Object } data
            ? data
            : throw ProviderErrors.Protocol(Provider, "the answer has no data object");
    }

    private static List<Uri> ResultUrls(JsonElement data)
    {
        var resultJson = data.Property("resultJson") switch
        {
            { ValueKind: JsonValueKind.String } text when !string.IsNullOrWhiteSpace(text.GetString()) => ParseInner(text.GetString()!),
            { ValueKind: JsonValueKind.Object } inline => inline,
            _ => (JsonElement?)null,
        };

        var urls = new List<Uri>();
        if (resultJson?.Property("resultUrls") is { ValueKind: JsonValueKind.Array } items)
        {
            foreach (var item in items.EnumerateArray())
            {
                HttpUrl.AddResult(Provider, urls, item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
            }
        }

        return urls;
    }

    private static JsonElement ParseInner(string resultJson)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(resultJson);
        }
        catch (JsonException exception)
        {
            throw ProviderErrors.Protocol(Provider, $"resultJson is not valid JSON: {exception.Message}", exception);
        }
    }
}
