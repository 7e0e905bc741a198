using Azure;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// The watch's registrations in the state container, one blob per waiting job: <c>task-watch/{jobId}.json</c> holding
/// its <see cref="WatchedTask"/>. Written when a job starts waiting (and again after each check of its own), deleted
/// by the watch once it told the job that its task ended, and when the job ended (a callback ends a job without the
/// watch). The watch keeps its schedule in memory and rebuilds it from here, so a registration outlives any host.
/// </summary>
public sealed class TaskWatchRegistry(PipelineStateContainer state)
{
    private const string Prefix = "task-watch/";
    private const string Suffix = ".json";

    /// <returns>The registration's ETag.</returns>
    public async Task<ETag> SaveAsync(WatchedTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var container = await state.EnsureCreatedAsync(cancellationToken);
        var stored = await container.GetBlobClient(Name(task.JobId)).UploadAsync(
            BinaryData.FromObjectAsJson(task, PipelineJson.Options), overwrite: true, cancellationToken);
        return Quoted(stored.Value.ETag);
    }

    /// <summary>Every registration's job id and ETag.</summary>
    public async Task<IReadOnlyList<(string JobId, ETag ETag)>> ListAsync(CancellationToken cancellationToken)
    {
        var registrations = new List<(string, ETag)>();
        try
        {
            await foreach (var item in state.Client.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
            {
                if (item.Name.EndsWith(Suffix, StringComparison.Ordinal))
                {
                    registrations.Add((item.Name[Prefix.Length..^Suffix.Length], Quoted(item.Properties.ETag!.Value)));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No state container yet: nothing was ever registered.
        }

        return registrations;
    }

    /// <summary>The registration and its ETag, or null when there is none (any more).</summary>
    public async Task<(WatchedTask Task, ETag ETag)?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await state.Client.GetBlobClient(Name(jobId)).DownloadContentAsync(cancellationToken);
            var task = content.Value.Content.ToObjectFromJson<WatchedTask>(PipelineJson.Options)
                       ?? throw new InvalidDataException($"The task watch registration of job '{jobId}' is empty.");
            return (task, Quoted(content.Value.Details.ETag));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the registration — unless it was written again since <paramref name="ifMatch"/>, when given: a job that
    /// registered anew meanwhile (after a check of its own) stays watched. Without it (a job that ended), whatever is there.
    /// </summary>
    public async Task DeleteAsync(string jobId, ETag? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await state.Client.GetBlobClient(Name(jobId)).DeleteIfExistsAsync(
                conditions: ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : null, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Registered again since: the next rescan reads the new registration.
        }
    }

    private static string Name(string jobId) => Prefix + jobId + Suffix;

    /// <summary>
    /// A listing gives a blob's ETag without the quotes its response headers have (Azure/azure-sdk-for-net#22877), and
    /// <see cref="ETag"/> compares the text: quoted, the same version compares equal whichever way it was read.
    /// </summary>
    private static ETag Quoted(ETag etag) => etag.ToString() is var text && text.StartsWith('"') ? etag : new ETag($"\"{text}\"");
}
