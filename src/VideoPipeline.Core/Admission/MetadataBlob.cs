using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The empty blobs admission keeps its state in (slots, queue entries): all in their metadata, every write
/// conditional, so that of two processes changing the same one exactly one succeeds.
/// </summary>
internal static class MetadataBlob
{
    /// <summary>
    /// Replaces the blob's metadata if its ETag is still <paramref name="ifMatch"/>, or creates the blob when
    /// <paramref name="ifMatch"/> is null and it does not exist yet; the new ETag, or null when another writer came first.
    /// </summary>
    public static async Task<ETag?> TryWriteAsync(
        BlobClient blob, IDictionary<string, string> metadata, ETag? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            if (ifMatch is { } etag)
            {
                return (await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = etag }, cancellationToken)).Value.ETag;
            }

            return (await blob.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>A time stored as UTC ticks under <paramref name="key"/>; null when absent or not a number.</summary>
    public static DateTimeOffset? Ticks(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var ticks)
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
