using Azure;
using Azure.Storage.Blobs;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Maps a provider task id to the job that owns it. OpenAI webhooks are project-wide and name only the video id, so
/// this is how a webhook finds its job.
/// </summary>
public sealed class ProviderTaskIndex(PipelineStateContainer state)
{
    public async Task RecordAsync(ProviderName provider, string taskId, string jobId, CancellationToken cancellationToken)
    {
        await state.EnsureCreatedAsync(cancellationToken);
        await Blob(provider, taskId).UploadAsync(BinaryData.FromString(jobId), overwrite: true, cancellationToken);
    }

    public async Task<string?> FindJobAsync(ProviderName provider, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(provider, taskId).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(ProviderName provider, string taskId) =>
        state.Client.GetBlobClient($"tasks/{PipelineJson.EnumName(provider)}/{Uri.EscapeDataString(taskId)}");
}
