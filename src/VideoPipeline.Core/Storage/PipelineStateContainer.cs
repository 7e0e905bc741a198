using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Storage;

/// <summary>
/// The container for the pipeline's own bookkeeping (<see cref="PipelineOptions.StateContainer"/>), created on first
/// write and then remembered, so writers don't pay a create call per job.
/// </summary>
public sealed class PipelineStateContainer(BlobServiceClient blobs, IOptions<PipelineOptions> options)
{
    private volatile bool _created;

    public BlobContainerClient Client { get; } = blobs.GetBlobContainerClient(options.Value.StateContainer);

    public async Task<BlobContainerClient> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }

        return Client;
    }
}
