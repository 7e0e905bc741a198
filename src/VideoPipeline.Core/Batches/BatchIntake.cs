using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// The one batch intake both hosts use — for the queue (the local listener, a Functions queue trigger) and for
/// <c>POST /api/batches</c>. It reads the batch, validates every item (invalid items are recorded with their errors,
/// valid ones proceed), stores the batch record create-only, then starts one job per valid item. Every step is
/// idempotent: job ids come from the batch id and the item's index (or its own <c>idempotencyKey</c>), and a batch
/// without an id is named after its content, so a redelivered message, or one taken in again after a crash half-way,
/// never starts a job twice.
/// </summary>
public sealed partial class BatchIntake(
    JobRequestValidator validator,
    JobPlanner planner,
    DurableTaskClient orchestrations,
    BatchStore store,
    BatchItemsBlobReader itemsBlobs,
    BatchPoisonQueue poison,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<BatchIntake> logger) : IBatchMessageHandler
{
    // Jobs started at once while a batch is taken in: enough to overlap storage round trips, few enough not to crowd
    // out the jobs already running.
    private const int StartParallelism = 8;

    /// <summary>Takes a batch in from its message body (JSON).</summary>
    public async Task<BatchIntakeResult> AcceptAsync(ReadOnlyMemory<byte> body, BatchSource source, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new FieldErrors();
        var document = BatchDocumentReader.Read(body, settings.MaxItems, errors);
        if (document is null)
        {
            return BatchIntakeResult.Rejected(new BatchRejection("The message is not a batch.", errors.ToDictionary()));
        }

        var items = document.Items;
        if (document.ItemsBlob is { } reference)
        {
            var (read, error) = await itemsBlobs.ReadAsync(reference, settings.MaxItems, cancellationToken);
            if (read is null)
            {
                errors.Add("itemsBlob", error!);
                return BatchIntakeResult.Rejected(new BatchRejection("The batch's items cannot be read.", errors.ToDictionary()));
            }

            items = read;
        }

        var contentHash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var batchId = document.BatchId ?? BatchIds.FromContentHash(contentHash);
        var prepared = await PrepareAsync(batchId, document.Defaults, items!, cancellationToken);
        var (stored, created) = await store.CreateAsync(
            new BatchRecord
            {
                Id = batchId,
                CreatedAt = time.GetUtcNow(),
                Source = source,
                ContentHash = contentHash,
                ItemsBlob = document.ItemsBlob?.ToString(),
                Items = prepared.Select(p => new BatchItemRecord(p.Index, p.JobId, p.Errors)).ToList(),
            },
            cancellationToken);
        if (!created && stored.ContentHash != contentHash)
        {
            errors.Add("batchId", $"Batch '{batchId}' exists with different content; use a new batchId.");
            return BatchIntakeResult.Rejected(new BatchRejection("The batch id is taken.", errors.ToDictionary(), IsConflict: true));
        }

        var refused = await StartJobsAsync(stored, prepared, cancellationToken);
        if (refused.Count > 0)
        {
            stored = await store.UpdateAsync(batchId, record => record with
            {
                Items = record.Items.Select(i => refused.TryGetValue(i.Index, out var e) ? i with { JobId = null, Errors = e } : i).ToList(),
            }, cancellationToken);
        }

        LogAccepted(stored.Id, source, stored.Items.Count, stored.Items.Count(i => i.JobId is null), created);
        return BatchIntakeResult.Accepted(stored);
    }

    public async Task<BatchMessageOutcome> HandleAsync(BatchQueueMessage message, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var result = await AcceptAsync(message.Body.ToMemory(), BatchSource.Queue, cancellationToken);
            if (result.Batch is { } batch)
            {
                return new BatchMessageOutcome(BatchMessageDisposition.Accepted, batch.Id);
            }

            reason = result.Rejection!.Describe();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage or the engine failing is worth retrying, like any failure of a Functions trigger.
            logger.LogWarning(e, "Taking in batch message {MessageId} failed (delivery {DequeueCount}).",
                message.MessageId, message.DequeueCount);
            reason = $"Taking the batch in failed: {e.GetType().Name}: {e.Message}";
        }

        if (message.DequeueCount < options.Value.MaxDequeueCount)
        {
            LogRetry(message.MessageId, message.DequeueCount, reason);
            return new BatchMessageOutcome(BatchMessageDisposition.Retry, Reason: reason);
        }

        await PoisonAsync(message, reason, cancellationToken);
        return new BatchMessageOutcome(BatchMessageDisposition.Poisoned, Reason: reason);
    }

    public async Task PoisonAsync(BatchQueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await poison.SendAsync(message, reason, cancellationToken);
        LogPoisoned(message.MessageId, message.DequeueCount, options.Value.PoisonQueueName, reason);
    }

    /// <summary>Validates every item with the defaults merged under it and gives the valid ones their job ids.</summary>
    private async Task<List<PreparedBatchItem>> PrepareAsync(
        string batchId, JsonElement? defaults, IReadOnlyList<BatchItemSource> items, CancellationToken cancellationToken)
    {
        var prepared = new List<PreparedBatchItem>(items.Count);
        var jobIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var errors = new FieldErrors();
            if (items[index] is not { Json: { ValueKind: JsonValueKind.Object } json })
            {
                errors.Add("$", items[index].ReadError ?? "Each item must be a JSON object (a job request).");
                prepared.Add(PreparedBatchItem.Invalid(index, errors));
                continue;
            }

            var merged = JsonDefaults.MergeUnder(defaults, json);
            var key = ReadIdempotencyKey(merged, errors);
            var validation = await validator.ValidateAsync(JsonSerializer.SerializeToElement(merged), cancellationToken);
            foreach (var (field, messages) in validation.Errors)
            {
                foreach (var text in messages)
                {
                    errors.Add(field, text);
                }
            }

            var jobId = key is null ? BatchIds.JobIdFor(batchId, index) : VideoJobsApi.JobIdFor(key);
            if (jobIds.TryGetValue(jobId, out var first))
            {
                errors.Add(BatchDocumentReader.IdempotencyKeyField, $"Item {first} has the same idempotency key.");
            }

            if (!errors.IsEmpty || !validation.IsValid)
            {
                prepared.Add(PreparedBatchItem.Invalid(index, errors));
                continue;
            }

            jobIds[jobId] = index;
            prepared.Add(new PreparedBatchItem(index, jobId, validation.Request, validation.Model, null));
        }

        return prepared;
    }

    private static string? ReadIdempotencyKey(JsonObject item, FieldErrors errors)
    {
        if (!item.Remove(BatchDocumentReader.IdempotencyKeyField, out var node) || node is null)
        {
            return null;
        }

        var key = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        if (key is null || key.Length is 0 or > VideoJobsApi.MaxIdempotencyKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            errors.Add(BatchDocumentReader.IdempotencyKeyField,
                $"Must be 1-{VideoJobsApi.MaxIdempotencyKeyLength} printable ASCII characters.");
            return null;
        }

        return key;
    }

    /// <summary>
    /// Starts the job of every item the stored record accepted and that does not exist yet. The record decides, so a
    /// redelivery starts exactly the jobs the first delivery meant to. An item whose request no longer validates (a
    /// URL's host changed meanwhile) and whose job was never started is refused now instead.
    /// </summary>
    /// <returns>The items refused now, with their errors.</returns>
    private async Task<Dictionary<int, IReadOnlyDictionary<string, string[]>>> StartJobsAsync(
        BatchRecord batch, List<PreparedBatchItem> prepared, CancellationToken cancellationToken)
    {
        var refused = new Dictionary<int, IReadOnlyDictionary<string, string[]>>();
        var byIndex = prepared.ToDictionary(p => p.Index);
        await Parallel.ForEachAsync(
            batch.Items.Where(i => i.JobId is not null),
            new ParallelOptions { MaxDegreeOfParallelism = StartParallelism, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var jobId = item.JobId!;
                if (await orchestrations.GetInstanceAsync(jobId, ct) is not null)
                {
                    return;
                }

                if (byIndex.GetValueOrDefault(item.Index) is not { Request: { } request, Model: { } model })
                {
                    lock (refused)
                    {
                        refused[item.Index] = byIndex.GetValueOrDefault(item.Index)?.Errors
                                              ?? new Dictionary<string, string[]> { ["$"] = ["The item is missing."] };
                    }

                    return;
                }

                var input = new VideoJobInput(jobId, request, planner.Create(jobId, request, model), batch.Id);
                await orchestrations.StartJobAsync(input, ct);
            });
        return refused;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Batch {BatchId} from the {Source}: {Items} items, {Invalid} invalid (new: {Created}).")]
    private partial void LogAccepted(string batchId, BatchSource source, int items, int invalid, bool created);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Batch message {MessageId} not taken in (delivery {DequeueCount}); it will be retried: {Reason}")]
    private partial void LogRetry(string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Batch message {MessageId} moved to {PoisonQueue} after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string poisonQueue, string reason);
}
