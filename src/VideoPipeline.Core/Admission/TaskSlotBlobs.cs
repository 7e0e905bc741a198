using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The slot blobs of <see cref="TaskSlotStore"/>: one empty blob per slot, <c>slots/{provider}/{n}</c>, whose metadata
/// names the holding job, when its hold lapses and, for a slot handed over on release, the job that handed it over.
/// Every change is conditional on the ETag just read, so two processes never both change the same slot.
/// </summary>
internal sealed class TaskSlotBlobs(BlobContainerClient container)
{
    private const string HolderKey = "holder";
    private const string ExpiresKey = "expires";
    private const string GrantedByKey = "grantedby";

    /// <summary>Every slot blob of the provider, in slot order (slots never used have no blob).</summary>
    public async Task<IReadOnlyList<TaskSlot>> ListAsync(ProviderName provider, CancellationToken cancellationToken)
    {
        var prefix = Prefix(provider);
        var slots = new List<TaskSlot>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
            {
                if (!int.TryParse(item.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }

                item.Metadata.TryGetValue(HolderKey, out var holder);
                item.Metadata.TryGetValue(GrantedByKey, out var grantedBy);
                slots.Add(new TaskSlot(number, holder, MetadataBlob.Ticks(item.Metadata, ExpiresKey), grantedBy) { ETag = item.Properties.ETag });
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: no slot was ever taken.
        }

        return slots.OrderBy(s => s.Number).ToList();
    }

    /// <summary>
    /// Makes <paramref name="holder"/> the slot's holder until <paramref name="expiresAt"/>, if the slot is still as it
    /// was read; the slot as it is then, or null when it changed meanwhile.
    /// </summary>
    public async Task<TaskSlot?> TryHoldAsync(
        ProviderName provider, TaskSlot slot, string holder, DateTimeOffset expiresAt, string? grantedBy,
        CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [HolderKey] = holder,
            [ExpiresKey] = MetadataBlob.Ticks(expiresAt),
        };
        if (grantedBy is not null)
        {
            metadata[GrantedByKey] = grantedBy;
        }

        var etag = await TryWriteAsync(provider, slot, metadata, cancellationToken);
        return etag is null ? null : new TaskSlot(slot.Number, holder, expiresAt, grantedBy) { ETag = etag };
    }

    /// <summary>Frees the slot if it is still as it was read; the free slot, or null when it changed meanwhile.</summary>
    public async Task<TaskSlot?> TryFreeAsync(ProviderName provider, TaskSlot slot, CancellationToken cancellationToken)
    {
        var etag = await TryWriteAsync(provider, slot, new Dictionary<string, string>(), cancellationToken);
        return etag is null ? null : new TaskSlot(slot.Number, null, null) { ETag = etag };
    }

    private Task<ETag?> TryWriteAsync(
        ProviderName provider, TaskSlot slot, Dictionary<string, string> metadata, CancellationToken cancellationToken) =>
        MetadataBlob.TryWriteAsync(
            container.GetBlobClient(Prefix(provider) + slot.Number.ToString(CultureInfo.InvariantCulture)), metadata, slot.ETag,
            cancellationToken);

    private static string Prefix(ProviderName provider) => $"slots/{PipelineJson.EnumName(provider)}/";
}
