using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The request budget every process of a deployment shares, and that survives restarts: per provider, the send times
/// of its most recent requests in one blob (<c>budget/{provider}</c> in the state container), changed only on the ETag
/// just read. A request may leave when fewer than <see cref="ProviderConnectionOptions.RequestsPerMinute"/> left within the last
/// minute plus <see cref="AdmissionOptions.RequestWindowMargin"/>. That is how providers count ("60 requests per
/// minute" over any minute), which a token bucket's burst can exceed. Within one process requests queue on a
/// semaphore, so the blob only sees contention between processes.
/// </summary>
public sealed class BlobRequestBudget(
    BlobServiceClient blobs,
    IOptions<PipelineOptions> pipeline,
    IOptions<ProvidersOptions> providers,
    IOptions<AdmissionOptions> admission,
    TimeProvider time,
    ILogger<BlobRequestBudget> logger) : IProviderRequestBudget, IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // How long to come back after storage failed; the workflow waits that long with a durable timer.
    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(5);

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(pipeline.Value.StateContainer);
    private readonly ConcurrentDictionary<ProviderName, SemaphoreSlim> _gates = new();
    private volatile bool _containerReady;

    public async ValueTask<RequestBudgetResult> AcquireAsync(ProviderName provider, CancellationToken cancellationToken)
    {
        var limit = providers.Value.For(provider).RequestsPerMinute;
        if (limit <= 0)
        {
            return RequestBudgetResult.Acquired;
        }

        var settings = admission.Value;
        var giveUpAt = time.GetUtcNow() + settings.MaxRequestWait;
        var gate = _gates.GetOrAdd(provider, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(settings.MaxRequestWait, cancellationToken))
        {
            return RequestBudgetResult.Refused(settings.MaxRequestWait);
        }

        try
        {
            return await AcquireHeldAsync(provider, limit, Minute + settings.RequestWindowMargin, giveUpAt, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not read the {Provider} request budget; the request waits.", provider);
            return RequestBudgetResult.Refused(StorageRetryAfter);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<RequestBudgetResult> AcquireHeldAsync(
        ProviderName provider, int limit, TimeSpan window, DateTimeOffset giveUpAt, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlobClient($"budget/{PipelineJson.EnumName(provider)}");
        while (true)
        {
            var (sent, etag) = await ReadAsync(blob, cancellationToken);
            var now = time.GetUtcNow();
            var recent = sent.Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms))
                .Where(at => at > now - window)
                .Order()
                .ToList();
            if (recent.Count < limit)
            {
                recent.Add(now);
                if (await TryWriteAsync(blob, recent, etag, cancellationToken))
                {
                    return RequestBudgetResult.Acquired;
                }

                continue;
            }

            // Room comes when the oldest request that keeps the window full leaves it.
            var roomAt = recent[recent.Count - limit] + window;
            if (roomAt > giveUpAt)
            {
                return RequestBudgetResult.Refused(roomAt - now);
            }

            await Task.Delay(roomAt - now, time, cancellationToken);
        }
    }

    private static async Task<(long[] Sent, ETag? ETag)> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return (content.Content.ToObjectFromJson<long[]>() ?? [], content.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ([], null);
        }
    }

    private static async Task<bool> TryWriteAsync(
        BlobClient blob, List<DateTimeOffset> sent, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                BinaryData.FromObjectAsJson(sent.Select(at => at.ToUnixTimeMilliseconds()).ToArray()),
                new BlobUploadOptions
                {
                    Conditions = etag is { } match
                        ? new BlobRequestConditions { IfMatch = match }
                        : new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process took a request in between: read its entry and count again.
            return false;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }
}
