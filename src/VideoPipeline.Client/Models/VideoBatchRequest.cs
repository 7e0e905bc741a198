using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Client.Http;

namespace VideoPipeline.Client.Models;

/// <summary>
/// A batch of jobs (the body of <c>POST /api/batches</c>, the same as a <c>video-batches</c> queue message): items
/// are job requests, each with an optional <c>idempotencyKey</c>; <see cref="Defaults"/> are merged under every item.
/// </summary>
public sealed class VideoBatchRequest
{
    /// <summary>
    /// 1-64 letters, digits, <c>-</c> or <c>_</c>. Without one the service names the batch after its content, so a
    /// retried request is the same batch.
    /// </summary>
    public string? BatchId { get; set; }

    /// <summary>Fields every item gets unless it sets them itself (objects merge field by field).</summary>
    public JsonObject? Defaults { get; set; }

    /// <summary>The job requests, as JSON objects (items may leave out what <see cref="Defaults"/> gives).</summary>
    public IList<JsonObject> Items { get; } = [];

    /// <summary>Adds a typed job request as an item.</summary>
    /// <param name="request">The job.</param>
    /// <param name="idempotencyKey">Names the job as <c>POST /api/videos</c> with this Idempotency-Key would.</param>
    public void Add(VideoJobRequest request, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = JsonSerializer.SerializeToNode(request, ClientJson.Options)!.AsObject();
        if (idempotencyKey is not null)
        {
            item["idempotencyKey"] = idempotencyKey;
        }

        Items.Add(item);
    }

    /// <summary>
    /// Reads items from JSON lines (one job request object per line, blank lines skipped), the format of an items blob.
    /// </summary>
    /// <param name="jsonLines">UTF-8 JSON lines.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDataException">A line is not a JSON object; the message names the line.</exception>
    public static async Task<VideoBatchRequest> FromJsonLinesAsync(Stream jsonLines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var batch = new VideoBatchRequest();
        using var reader = new StreamReader(jsonLines, Encoding.UTF8, leaveOpen: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                batch.Items.Add(JsonNode.Parse(line) as JsonObject
                    ?? throw new InvalidDataException($"Line {number} is not a JSON object."));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"Line {number} is not valid JSON: {exception.Message}", exception);
            }
        }

        return batch;
    }
}
