using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// Batch records in Blob Storage (the state container): <c>batches/{id}.json</c>, written create-only, and one empty
/// index blob per batch, <c>batch-index/{DateTime.MaxValue.Ticks - created ticks}-{id}</c>, so that a plain listing is
/// newest first and carries the item counts in its metadata.
/// </summary>
public sealed class BatchStore(BlobServiceClient blobs, IOptions<PipelineOptions> options)
{
    private const string RecordPrefix = "batches/";
    private const string IndexPrefix = "batch-index/";
    private const int TicksDigits = 19;
    private const int MaxUpdateAttempts = 5;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.StateContainer);
    private volatile bool _containerReady;

    /// <summary>Stores <paramref name="record"/> unless a batch with its id exists.</summary>
    /// <returns>The stored record (the existing one, when there was one) and whether it was created now.</returns>
    public async Task<(BatchRecord Record, bool Created)> CreateAsync(BatchRecord record, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        BatchRecord stored;
        bool created;
        try
        {
            await RecordBlob(record.Id).UploadAsync(
                BinaryData.FromObjectAsJson(record, PipelineJson.Options),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
            (stored, created) = (record, true);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            stored = (await ReadAsync(record.Id, cancellationToken))?.Record
                     ?? throw new InvalidOperationException($"Batch '{record.Id}' exists but cannot be read.", e);
            created = false;
        }

        // Also on a redelivery: the first delivery may have died between the record and its index entry.
        await IndexAsync(stored, cancellationToken);
        return (stored, created);
    }

    public async Task<BatchRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        BatchIds.IsValid(id) ? (await ReadAsync(id, cancellationToken))?.Record : null;

    /// <summary>Rewrites a stored record through <paramref name="change"/>, on its ETag (re-read when another writer won).</summary>
    public async Task<BatchRecord> UpdateAsync(string id, Func<BatchRecord, BatchRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (record, etag) = await ReadAsync(id, cancellationToken)
                                 ?? throw new InvalidOperationException($"Batch '{id}' does not exist.");
            var changed = change(record);
            try
            {
                await RecordBlob(id).UploadAsync(
                    BinaryData.FromObjectAsJson(changed, PipelineJson.Options),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } },
                    cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Another delivery of the same batch wrote in between; apply the change to its version.
            }
        }
    }

    /// <summary>Batches newest first, from the index alone.</summary>
    public async IAsyncEnumerable<BatchSummary> ListAsync(int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = 0;
        var pages = _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, IndexPrefix, cancellationToken)
            .AsPages(pageSizeHint: limit);
        IAsyncEnumerator<Page<BlobItem>>? enumerator = null;
        try
        {
            enumerator = pages.GetAsyncEnumerator(cancellationToken);
            while (listed < limit && await MoveNextAsync(enumerator))
            {
                foreach (var item in enumerator.Current.Values)
                {
                    if (listed == limit || !TryParseIndexName(item.Name, out var createdAt, out var id))
                    {
                        continue;
                    }

                    listed++;
                    yield return new BatchSummary(id, createdAt, Count(item, "items"), Count(item, "invalid"), BatchesApi.StatusUri(id));
                }
            }
        }
        finally
        {
            if (enumerator is not null)
            {
                await enumerator.DisposeAsync();
            }
        }
    }

    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<Page<BlobItem>> pages)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: no batch either.
            return false;
        }
    }

    private async Task<(BatchRecord Record, ETag ETag)?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await RecordBlob(id).DownloadContentAsync(cancellationToken)).Value;
            return (content.Content.ToObjectFromJson<BatchRecord>(PipelineJson.Options)!, content.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task IndexAsync(BatchRecord record, CancellationToken cancellationToken)
    {
        var inverted = (DateTime.MaxValue.Ticks - record.CreatedAt.UtcTicks).ToString($"D{TicksDigits}", CultureInfo.InvariantCulture);
        try
        {
            await _container.GetBlobClient($"{IndexPrefix}{inverted}-{record.Id}").UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = new Dictionary<string, string>
                    {
                        ["items"] = record.Items.Count.ToString(CultureInfo.InvariantCulture),
                        ["invalid"] = record.Items.Count(i => i.JobId is null).ToString(CultureInfo.InvariantCulture),
                    },
                },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Indexed by an earlier delivery.
        }
    }

    private static bool TryParseIndexName(string name, out DateTimeOffset createdAt, out string id)
    {
        var idStart = IndexPrefix.Length + TicksDigits + 1;
        if (name.Length > idStart
            && long.TryParse(name.AsSpan(IndexPrefix.Length, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted))
        {
            createdAt = new DateTimeOffset(DateTime.MaxValue.Ticks - inverted, TimeSpan.Zero);
            id = name[idStart..];
            return true;
        }

        createdAt = default;
        id = "";
        return false;
    }

    private static int Count(BlobItem item, string key) =>
        item.Metadata.TryGetValue(key, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private BlobClient RecordBlob(string id) => _container.GetBlobClient($"{RecordPrefix}{id}.json");

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }
}
