using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Durable record of each submission attempt, written before the provider is called. Activities run at least once
/// (a crash after the provider accepted but before the engine journaled the result re-runs the activity); the ledger
/// turns that re-run into "return the recorded task" or, when the outcome is unknown, into a refusal to pay twice.
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

    public async Task SaveAsync(string jobId, int attempt, SubmissionRecord record, CancellationToken cancellationToken)
    {
        await state.EnsureCreatedAsync(cancellationToken);
        await Blob(jobId, attempt).UploadAsync(
            BinaryData.FromObjectAsJson(record, PipelineJson.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    private BlobClient Blob(string jobId, int attempt) => state.Client.GetBlobClient($"submissions/{jobId}/{attempt}.json");
}
