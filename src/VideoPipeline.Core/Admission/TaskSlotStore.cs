using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// A provider's concurrent-task slots as a durable semaphore in Blob Storage: one empty blob per slot,
/// <c>slots/{provider}/{n}</c> in the state container, whose metadata names the holding job and when its hold lapses.
/// Every change is conditional on the ETag just read, so two processes never take the same slot. A hold is extended by
/// asking again (a job always gets its own slot back) and lapses by itself when its holder stops renewing it (the job
/// was terminated, or its host is gone), so a slot is never lost for longer than one lease. No blob lease is involved:
/// a workflow cannot keep one open, and a hold has to survive the process that took it.
/// </summary>
public sealed partial class TaskSlotStore(
    BlobServiceClient blobs,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<TaskSlotStore> logger)
{
    private const string HolderKey = "holder";
    private const string ExpiresKey = "expires";

    // Each round re-reads the slots after losing a race for one; past this, the caller waits and asks again.
    private const int MaxRounds = 5;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.StateContainer);
    private volatile bool _containerReady;

    /// <summary>
    /// Gives <paramref name="jobId"/> its slot again with a fresh lease when it holds one, else a free slot among the
    /// first <paramref name="capacity"/> (free: never used, released, or its holder's lease lapsed), else none.
    /// </summary>
    public async Task<TaskSlotGrant> AcquireAsync(
        ProviderName provider, string jobId, int capacity, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        await EnsureContainerAsync(cancellationToken);
        var inUse = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var slots = await ListAsync(provider, cancellationToken);
            var now = time.GetUtcNow();
            inUse = slots.Count(s => s.IsTakenAt(now));
            if (slots.FirstOrDefault(s => s.Holder == jobId) is { } own)
            {
                if (await TryHoldAsync(provider, own, jobId, now + leaseDuration, cancellationToken))
                {
                    return Granted(own.Number, now, leaseDuration, own.IsTakenAt(now) ? inUse : inUse + 1);
                }

                continue;
            }

            var free = Enumerable.Range(0, capacity)
                .Select(n => slots.FirstOrDefault(s => s.Number == n) ?? new TaskSlot(n, null, null))
                .Where(s => !s.IsTakenAt(now))
                .ToList();
            if (free.Count == 0)
            {
                return TaskSlotGrant.Busy(inUse);
            }

            // Start at a random free slot, so that jobs asking at the same moment spread out instead of all racing for
            // the first one.
            var first = Random.Shared.Next(free.Count);
            for (var i = 0; i < free.Count; i++)
            {
                var slot = free[(first + i) % free.Count];
                if (await TryHoldAsync(provider, slot, jobId, now + leaseDuration, cancellationToken))
                {
                    if (slot.Holder is { } previous)
                    {
                        LogReclaimed(provider, slot.Number, previous, jobId);
                    }

                    return Granted(slot.Number, now, leaseDuration, inUse + 1);
                }
            }
        }

        return TaskSlotGrant.Busy(inUse);
    }

    /// <summary>Frees the slot when <paramref name="jobId"/> still holds it; false when it does not (any more).</summary>
    public async Task<bool> ReleaseAsync(ProviderName provider, string jobId, int slot, CancellationToken cancellationToken)
    {
        var blob = Blob(provider, slot);
        for (var round = 0; round < MaxRounds; round++)
        {
            BlobProperties properties;
            try
            {
                properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }

            if (!properties.Metadata.TryGetValue(HolderKey, out var holder) || holder != jobId)
            {
                return false;
            }

            try
            {
                await blob.SetMetadataAsync(
                    new Dictionary<string, string>(),
                    new BlobRequestConditions { IfMatch = properties.ETag },
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Renewed by a late run of this job's own acquire, or taken over after a lapse: read it again.
            }
        }

        return false;
    }

    /// <summary>Every slot blob of the provider, in slot order (slots never used have no blob).</summary>
    public async Task<IReadOnlyList<TaskSlot>> ListAsync(ProviderName provider, CancellationToken cancellationToken)
    {
        var prefix = Prefix(provider);
        var slots = new List<TaskSlot>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
            {
                if (!int.TryParse(item.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }

                item.Metadata.TryGetValue(HolderKey, out var holder);
                DateTimeOffset? expires = item.Metadata.TryGetValue(ExpiresKey, out var ticks)
                                          && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? new DateTimeOffset(value, TimeSpan.Zero)
                    : null;
                slots.Add(new TaskSlot(number, holder, expires) { ETag = item.Properties.ETag });
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: no slot was ever taken.
        }

        return slots.OrderBy(s => s.Number).ToList();
    }

    private async Task<bool> TryHoldAsync(
        ProviderName provider, TaskSlot slot, string jobId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [HolderKey] = jobId,
            [ExpiresKey] = expiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        var blob = Blob(provider, slot.Number);
        try
        {
            if (slot.ETag is { } etag)
            {
                await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            }
            else
            {
                await blob.UploadAsync(
                    BinaryData.Empty,
                    new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static TaskSlotGrant Granted(int slot, DateTimeOffset now, TimeSpan leaseDuration, int inUse) =>
        new(slot, (now + leaseDuration / 2).UtcDateTime, null, inUse);

    private BlobClient Blob(ProviderName provider, int slot) =>
        _container.GetBlobClient(Prefix(provider) + slot.ToString(CultureInfo.InvariantCulture));

    private static string Prefix(ProviderName provider) => $"slots/{PipelineJson.EnumName(provider)}/";

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Took {Provider} task slot {Slot} over from job {Previous}, whose hold had lapsed, for job {JobId}.")]
    private partial void LogReclaimed(ProviderName provider, int slot, string previous, string jobId);
}
