using Azure;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Per-instance inbox of raised events. Item names start with a time stamp that strictly increases within a process,
/// so listing (which is in name order) returns one raiser's events in the order they were raised.
/// </summary>
internal sealed class InboxStore(RuntimeStorage storage, TimeProvider time)
{
    private static long s_lastTicks;

    public async Task AddAsync(
        string instanceId, InboxItemKind kind, string? name, string? data, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var item = new InboxItem(NewEventId(now.Ticks), kind, name, data, now);
        await storage.InboxItem(instanceId, item.EventId).UploadAsync(
            BinaryData.FromObjectAsJson(item, PipelineJson.Options),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
            cancellationToken);
    }

    /// <summary>The instance's pending items, oldest first.</summary>
    public async Task<IReadOnlyList<InboxItem>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var items = new List<InboxItem>();
        await foreach (var blob in storage.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None,
                           prefix: RuntimeStorage.InboxPrefix(instanceId), cancellationToken: cancellationToken))
        {
            try
            {
                var content = await storage.Container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
                items.Add(content.Value.Content.ToObjectFromJson<InboxItem>(PipelineJson.Options)!);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted since the listing by a previous owner that had already journaled it.
            }
        }

        return items;
    }

    public async Task DeleteAsync(string instanceId, IEnumerable<string> eventIds, CancellationToken cancellationToken)
    {
        foreach (var eventId in eventIds)
        {
            await storage.InboxItem(instanceId, eventId).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public async Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in storage.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None,
                           prefix: RuntimeStorage.InboxPrefix(instanceId), cancellationToken: cancellationToken))
        {
            await storage.Container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static string NewEventId(long nowTicks)
    {
        long last, next;
        do
        {
            last = Interlocked.Read(ref s_lastTicks);
            next = Math.Max(nowTicks, last + 1);
        }
        while (Interlocked.CompareExchange(ref s_lastTicks, next, last) != last);

        return $"{next:D19}-{Guid.NewGuid():N}";
    }
}
