using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Durable record of each submission attempt, claimed before the provider is called. The engine runs an activity at
/// least once, and a duplicate can run at the same time as the original (a message redelivered while, or after, the
/// first run sends): the claim is a create-only write, so exactly one run of an attempt sends its request, and every
/// other run reads what that one recorded.
/// </summary>
public sealed class SubmissionLedger(PipelineStateContainer state)
{
    public async Task<SubmissionRecord?> GetAsync(string jobId, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(jobId, attempt).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<SubmissionRecord>(PipelineJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records "sending" for the attempt unless it has a record already; false when another run claimed it first.</summary>
    public async Task<bool> TryClaimAsync(string jobId, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await state.EnsureCreatedAsync(cancellationToken);
        try
        {
            await WriteAsync(jobId, attempt, new SubmissionRecord(SubmissionState.Sending, ClaimedAt: now),
                new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Records the outcome of the attempt this run claimed.</summary>
    public Task SaveAsync(string jobId, int attempt, SubmissionRecord record, CancellationToken cancellationToken) =>
        WriteAsync(jobId, attempt, record, conditions: null, cancellationToken);

    private Task WriteAsync(
        string jobId, int attempt, SubmissionRecord record, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        Blob(jobId, attempt).UploadAsync(
            BinaryData.FromObjectAsJson(record, PipelineJson.Options),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = conditions,
            },
            cancellationToken);

    private BlobClient Blob(string jobId, int attempt) => state.Client.GetBlobClient($"submissions/{jobId}/{attempt}.json");
}
