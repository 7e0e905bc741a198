using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Durable record of each submission attempt, written before the provider is called. Activities run at least once
/// (a crash after the provider accepted but before the engine journaled the result re-runs the activity); the ledger
/// turns that re-run into "return the recorded task" or, when the outcome is unknown, into a refusal to pay twice.
/// </summary>
public sealed class SubmissionLedger(BlobServiceClient blobs, IOptions<PipelineOptions> options)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.StateContainer);
    private volatile bool _containerReady;

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
        await EnsureContainerAsync(cancellationToken);
        await Blob(jobId, attempt).UploadAsync(
            BinaryData.FromObjectAsJson(record, PipelineJson.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    private BlobClient Blob(string jobId, int attempt) => _container.GetBlobClient($"submissions/{jobId}/{attempt}.json");

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }
}
