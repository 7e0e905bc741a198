namespace VideoPipeline.Engine;

/// <summary>
/// The storage account holding the task hub, bound from the same <c>Storage</c> section as the rest of the pipeline:
/// either <see cref="ConnectionString"/> (Azurite, or an account key) or the blob, queue and table service URIs,
/// signing in with <c>DefaultAzureCredential</c>. The engine reads the section itself rather than Core's storage
/// options because it knows nothing of videos (Core depends on it, not the reverse), and its rule differs: the task
/// hub needs the table service too, which Core does not use.
/// </summary>
public sealed class TaskHubStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>e.g. <c>https://myaccount.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>e.g. <c>https://myaccount.queue.core.windows.net</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>e.g. <c>https://myaccount.table.core.windows.net</c>; the task hub keeps its history and instances in tables.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The client id of a user-assigned managed identity; the system-assigned one (or a developer login) otherwise.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
