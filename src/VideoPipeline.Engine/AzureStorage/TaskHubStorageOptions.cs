using System.ComponentModel.DataAnnotations;

namespace VideoPipeline.Engine;

/// <summary>
/// The storage account holding the task hub, bound from the same <c>Storage</c> section as the rest of the pipeline:
/// either <see cref="ConnectionString"/> (Azurite, or an account key) or the blob, queue and table service URIs,
/// signing in with <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class TaskHubStorageOptions : IValidatableObject
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var serviceUris = new (string Name, Uri? Uri)[]
        {
            (nameof(BlobServiceUri), BlobServiceUri),
            (nameof(QueueServiceUri), QueueServiceUri),
            (nameof(TableServiceUri), TableServiceUri),
        };
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasServiceUri = serviceUris.Any(s => s.Uri is not null);

        if (hasConnectionString == hasServiceUri)
        {
            yield return new ValidationResult(
                $"The task hub needs either {SectionName}:{nameof(ConnectionString)} (e.g. UseDevelopmentStorage=true) or " +
                $"{SectionName}:{nameof(BlobServiceUri)}, {nameof(QueueServiceUri)} and {nameof(TableServiceUri)}, not both.",
                [nameof(ConnectionString)]);
            yield break;
        }

        foreach (var (name, uri) in hasServiceUri ? serviceUris : [])
        {
            if (uri is not { IsAbsoluteUri: true } || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"{SectionName}:{name} must be an absolute http(s) URI.", [name]);
            }
        }
    }
}
