using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// The runtime's container and its blob layout:
/// <c>journals/{id}</c> (append blob, one JSON line per journal entry),
/// <c>locks/{id}</c> (empty blob leased by the owner; exists while the instance is unfinished),
/// <c>inbox/{id}/{eventId}</c> (one blob per raised event, named in raise order),
/// <c>index/{inverted created ticks}-{id}</c> (summary per instance; names sort newest first).
/// </summary>
internal sealed class RuntimeStorage(BlobServiceClient blobs, IOptions<LocalRuntimeOptions> options)
{
    public const string JournalPrefix = "journals/";
    public const string LockPrefix = "locks/";
    public const string InboxRoot = "inbox/";
    public const string IndexPrefix = "index/";

    private volatile bool _containerExists;

    public BlobContainerClient Container { get; } = blobs.GetBlobContainerClient(options.Value.ContainerName);

    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }

    public AppendBlobClient Journal(string instanceId) => Container.GetAppendBlobClient(JournalPrefix + instanceId);

    public BlobClient Lock(string instanceId) => Container.GetBlobClient(LockPrefix + instanceId);

    public static string InboxPrefix(string instanceId) => $"{InboxRoot}{instanceId}/";

    public BlobClient InboxItem(string instanceId, string eventId) =>
        Container.GetBlobClient(InboxPrefix(instanceId) + eventId);
}
