using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The queue of <see cref="TaskSlotStore"/>: one empty blob per waiting job, <c>waiting/{provider}/{queued ticks}-{job id}</c>,
/// so that a plain listing is oldest first, with the time its place lapses in its metadata. A job's entry has the
/// same name however often it asks (its queue time is fixed), so asking again keeps its place.
/// </summary>
internal sealed class SlotWaitingList(BlobContainerClient container)
{
    private const string ExpiresKey = "expires";
    private const int TicksDigits = 19;

    /// <summary>The provider's waiting jobs, oldest first, lapsed places included.</summary>
    public async Task<IReadOnlyList<SlotWaiter>> ListAsync(ProviderName provider, CancellationToken cancellationToken)
    {
        var prefix = Prefix(provider);
        var waiters = new List<SlotWaiter>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
            {
                var key = item.Name.AsSpan(prefix.Length);
                if (key.Length <= TicksDigits + 1 || key[TicksDigits] != '-'
                    || !long.TryParse(key[..TicksDigits], NumberStyles.None, CultureInfo.InvariantCulture, out var queuedTicks))
                {
                    continue;
                }

                var expires = MetadataBlob.Ticks(item.Metadata, ExpiresKey) ?? DateTimeOffset.MinValue;
                waiters.Add(new SlotWaiter(key[(TicksDigits + 1)..].ToString(), new DateTimeOffset(queuedTicks, TimeSpan.Zero), expires)
                {
                    Name = item.Name,
                    ETag = item.Properties.ETag,
                });
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: nobody ever waited.
        }

        return waiters.OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The name the job's entry has, which orders it among the others.</summary>
    public static string NameOf(ProviderName provider, string jobId, DateTimeOffset queuedAt) =>
        Prefix(provider) + queuedAt.UtcTicks.ToString($"D{TicksDigits}", CultureInfo.InvariantCulture) + "-" + jobId;

    /// <summary>
    /// Puts the job in the queue, or keeps its place there until <paramref name="expiresAt"/> when
    /// <paramref name="current"/> is its entry as just read. False when the entry changed meanwhile: another run of
    /// the same request wrote it, or a releasing job took it out to hand the job a slot.
    /// </summary>
    public async Task<bool> TryJoinAsync(
        ProviderName provider, string jobId, DateTimeOffset queuedAt, DateTimeOffset expiresAt, SlotWaiter? current,
        CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [ExpiresKey] = MetadataBlob.Ticks(expiresAt) };
        return await MetadataBlob.TryWriteAsync(
            container.GetBlobClient(NameOf(provider, jobId, queuedAt)), metadata, current?.ETag, cancellationToken) is not null;
    }

    /// <summary>
    /// Takes the waiter out of the queue if its entry is still as it was read: of several releasing jobs choosing the
    /// same waiter, exactly one succeeds, and only that one hands it a slot.
    /// </summary>
    public async Task<bool> TryTakeAsync(SlotWaiter waiter, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(waiter.Name).DeleteAsync(
                DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = waiter.ETag ?? ETag.All }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Removes the entry whatever it holds: the job left the queue, or its place lapsed.</summary>
    public async Task RemoveAsync(SlotWaiter waiter, CancellationToken cancellationToken) =>
        await container.GetBlobClient(waiter.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private static string Prefix(ProviderName provider) => $"waiting/{PipelineJson.EnumName(provider)}/";
}
