using System.Text.Json;
using Azure;
using Azure.Core;

namespace VideoPipeline.Client.Http;

/// <summary>
/// Turns the service's answers into <see cref="RequestFailedException"/> details: an RFC 9457 problem gives its title
/// and detail as the message and every failing field (<c>errors</c>) as an entry of <see cref="Exception.Data"/>; a job
/// view of a failed or cancelled job gives the job's error code and message.
/// </summary>
internal sealed class ProblemDetailsParser : RequestFailedDetailsParser
{
    public static ProblemDetailsParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        error = null;
        data = null;
        try
        {
            using var document = JsonDocument.Parse(response.Content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("error", out var jobError) && jobError.ValueKind == JsonValueKind.Object)
            {
                error = new ResponseError(String(jobError, "code"), String(jobError, "message"));
                data = new Dictionary<string, string> { ["jobId"] = String(root, "id") ?? string.Empty };
                return true;
            }

            if (String(root, "title") is not { } title)
            {
                return false;
            }

            error = new ResponseError(null, String(root, "detail") is { } detail ? $"{title} {detail}" : title);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                data = errors.EnumerateObject().ToDictionary(
                    field => field.Name,
                    field => string.Join(" ", field.Value.EnumerateArray().Select(message => message.GetString())));
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
