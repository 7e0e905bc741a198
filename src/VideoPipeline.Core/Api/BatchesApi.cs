using Microsoft.DurableTask.Client;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Api;

/// <summary>
/// The HTTP operations on batches, written once and mapped by both hosts. <c>POST /api/batches</c>
/// goes through the same <see cref="BatchIntake"/> as the queue, so a body gives the same batch either way.
/// </summary>
public sealed class BatchesApi(BatchIntake intake, BatchStore store, DurableTaskClient orchestrations)
{
    /// <summary>Inline batches over HTTP may be larger than a queue message; larger ones use an items blob.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public const int DefaultListLimit = 20;

    public const int MaxListLimit = 200;

    public static string StatusUri(string batchId) => $"/api/batches/{batchId}";

    public async Task<ApiResponse> StartBatchAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(body, cancellationToken);
        if (bytes is null)
        {
            return ApiResponse.Problem(413, "The request body is too large.",
                $"Inline batches are limited to {MaxRequestBytes} bytes; put the items in a JSON-lines blob and send itemsBlob.");
        }

        var result = await intake.AcceptAsync(bytes, BatchSource.Http, cancellationToken);
        if (result.Rejection is { } rejection)
        {
            return ApiResponse.Problem(rejection.IsConflict ? 409 : 400, rejection.Reason,
                "See errors for every problem.", rejection.Errors);
        }

        var batch = result.Batch!;
        var jobs = batch.Items
            .Select(i => i.JobId is { } jobId
                ? new BatchJobAccepted(i.Index, jobId, PipelineJson.EnumName(JobStatus.Queued), $"/api/videos/{jobId}")
                : new BatchJobAccepted(i.Index, null, BatchView.Invalid, Errors: i.Errors))
            .ToList();
        var invalid = jobs.Count(j => j.Id is null);
        var statusUri = StatusUri(batch.Id);
        return ApiResponse.Json(
            202,
            new BatchAccepted(batch.Id, statusUri, jobs.Count, jobs.Count - invalid, invalid, jobs),
            new Dictionary<string, string> { ["Location"] = statusUri });
    }

    public async Task<ApiResponse> GetBatchAsync(string id, CancellationToken cancellationToken)
    {
        var batch = await store.GetAsync(id, cancellationToken);
        if (batch is null)
        {
            return ApiResponse.Problem(404, "Batch not found.", $"There is no batch with id '{id}'.");
        }

        // A batch's items show their status, which the task watch does not change.
        var jobs = await orchestrations.GetJobViewsAsync(batch.Items.Select(i => i.JobId).OfType<string>(), watch: null, cancellationToken);
        var items = batch.Items.Select(item => item.JobId is null
                ? new BatchItemView(item.Index, null, BatchView.Invalid, Errors: item.Errors)
                : jobs.GetValueOrDefault(item.JobId) is { } job
                    ? new BatchItemView(item.Index, job.Id, PipelineJson.EnumName(job.Status), $"/api/videos/{job.Id}", job.Error)
                    // Not started yet: its message is still being taken in (or will be, on redelivery).
                    : new BatchItemView(item.Index, item.JobId, PipelineJson.EnumName(JobStatus.Queued), $"/api/videos/{item.JobId}"))
            .ToList();

        var counts = Enum.GetValues<JobStatus>().Select(PipelineJson.EnumName).Append(BatchView.Invalid)
            .ToDictionary(status => status, status => items.Count(i => i.Status == status));
        var finished = batch.Items.All(i => i.JobId is null || jobs.GetValueOrDefault(i.JobId)?.CompletedAt is not null);
        var ended = jobs.Values.Select(j => j.CompletedAt).OfType<DateTimeOffset>().ToList();
        return ApiResponse.Json(200, new BatchView
        {
            Id = batch.Id,
            Status = finished ? "finished" : "running",
            Source = batch.Source,
            StartedAt = batch.CreatedAt,
            FinishedAt = finished ? (ended.Count > 0 ? ended.Max() : batch.CreatedAt) : null,
            ItemsBlob = batch.ItemsBlob,
            Total = items.Count,
            Counts = counts,
            Items = items,
        });
    }

    public async Task<ApiResponse> ListBatchesAsync(string? limit, CancellationToken cancellationToken)
    {
        var count = DefaultListLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count < 1 || count > MaxListLimit))
        {
            return ApiResponse.Problem(400, "Invalid query.", errors: new Dictionary<string, string[]>
            {
                ["limit"] = [$"Must be a whole number from 1 to {MaxListLimit}."],
            });
        }

        var batches = new List<BatchSummary>();
        await foreach (var summary in store.ListAsync(count, cancellationToken))
        {
            batches.Add(summary);
        }

        return ApiResponse.Json(200, new BatchList(batches));
    }

    /// <summary>Reads at most <see cref="MaxRequestBytes"/>; null when the body is larger.</summary>
    private static Task<byte[]?> ReadBytesAsync(Stream body, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(body, MaxRequestBytes, cancellationToken);
}
