using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// Reads the items of a large batch from a JSON-lines blob (one job request per line; blank lines are skipped), for
/// batches that do not fit a 64 KB queue message. A line that is not JSON becomes an invalid item, not a bad batch.
/// </summary>
public sealed class BatchItemsBlobReader(BlobServiceClient blobs, IOptions<PipelineOptions> pipeline)
{
    /// <summary>One job request is at most this long, as over HTTP.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Bounds what one batch can make the host read.</summary>
    public const long MaxBlobBytes = 64L * 1024 * 1024;

    /// <returns>The items, or why the blob cannot be used.</returns>
    public async Task<(IReadOnlyList<BatchItemSource>? Items, string? Error)> ReadAsync(
        ItemsBlobReference reference, int maxItems, CancellationToken cancellationToken)
    {
        // The state container holds the pipeline's own bookkeeping; items are never read from there.
        if (reference.Container == pipeline.Value.StateContainer)
        {
            return (null, $"Container '{reference.Container}' is the pipeline's own; put items blobs elsewhere.");
        }

        var blob = blobs.GetBlobContainerClient(reference.Container).GetBlobClient(reference.BlobName);
        Stream content;
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            if (download.Value.Details.ContentLength > MaxBlobBytes)
            {
                download.Value.Dispose();
                return (null, $"The items blob '{reference}' is larger than {MaxBlobBytes} bytes.");
            }

            content = download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, $"The items blob '{reference}' does not exist.");
        }

        await using (content)
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            var items = new List<BatchItemSource>();
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (items.Count == maxItems)
                {
                    return (null, $"The items blob '{reference}' has more than {maxItems} items.");
                }

                items.Add(ReadLine(line, lineNumber));
            }

            return items.Count == 0 ? (null, $"The items blob '{reference}' has no items.") : (items, null);
        }
    }

    private static BatchItemSource ReadLine(string line, int lineNumber)
    {
        var number = lineNumber.ToString(CultureInfo.InvariantCulture);
        if (Encoding.UTF8.GetByteCount(line) > MaxLineBytes)
        {
            return new BatchItemSource(null, $"Line {number} is longer than {MaxLineBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return new BatchItemSource(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            return new BatchItemSource(null, $"Line {number} is not valid JSON: {e.Message}");
        }
    }
}
