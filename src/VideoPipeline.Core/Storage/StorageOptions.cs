namespace VideoPipeline.Core.Storage;

/// <summary>
/// Where Blob and Queue Storage are, bound from <c>Storage</c>. Set either <see cref="ConnectionString"/> (Azurite,
/// or an account key) or both service URIs (Azure, signing in with <c>DefaultAzureCredential</c>), not both.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>e.g. <c>https://myaccount.blob.core.windows.net</c>; used with an Entra identity instead of a key.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>e.g. <c>https://myaccount.queue.core.windows.net</c>; required with <see cref="BlobServiceUri"/>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// e.g. <c>https://myaccount.table.core.windows.net</c>; optional here (Core uses no tables), required with the other
    /// URIs by the durable task hub of <c>VideoPipeline.Engine</c>, which keeps its history and instances in tables.
    /// </summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The client id of a user-assigned managed identity; the system-assigned one (or a developer login) otherwise.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The container archived videos go to when a job names none.</summary>
    public string VideosContainer { get; set; } = "videos";
}
