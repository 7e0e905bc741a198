using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Storage;

/// <summary>Reports every misconfigured <see cref="StorageOptions"/> setting at once, at start-up.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasServiceUri = options.BlobServiceUri is not null || options.QueueServiceUri is not null || options.TableServiceUri is not null;

        if (hasConnectionString && hasServiceUri)
        {
            failures.Add(
                $"Set either {StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)} or the service URIs, not both.");
        }
        else if (!hasConnectionString && !hasServiceUri)
        {
            failures.Add(
                $"Set {StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)} (e.g. UseDevelopmentStorage=true for Azurite) " +
                $"or {StorageOptions.SectionName}:{nameof(StorageOptions.BlobServiceUri)} and {nameof(StorageOptions.QueueServiceUri)}.");
        }
        else if (hasServiceUri)
        {
            ValidateServiceUri(options.BlobServiceUri, nameof(StorageOptions.BlobServiceUri), failures);
            ValidateServiceUri(options.QueueServiceUri, nameof(StorageOptions.QueueServiceUri), failures);
            if (options.TableServiceUri is not null)
            {
                ValidateServiceUri(options.TableServiceUri, nameof(StorageOptions.TableServiceUri), failures);
            }
        }

        if (!StorageNames.IsValid(options.VideosContainer))
        {
            failures.Add($"{StorageOptions.SectionName}:{nameof(StorageOptions.VideosContainer)} must be {StorageNames.Rule()}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateServiceUri(Uri? uri, string setting, List<string> failures)
    {
        if (uri is null)
        {
            failures.Add($"{StorageOptions.SectionName}:{setting} is required when a service URI is set.");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{StorageOptions.SectionName}:{setting} must be an absolute http(s) URI.");
        }
    }
}
