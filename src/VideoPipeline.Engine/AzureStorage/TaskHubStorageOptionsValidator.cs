using Microsoft.Extensions.Options;

namespace VideoPipeline.Engine;

/// <summary>Reports every misconfigured <see cref="TaskHubStorageOptions"/> setting at once, at start-up.</summary>
internal sealed class TaskHubStorageOptionsValidator : IValidateOptions<TaskHubStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskHubStorageOptions options)
    {
        var serviceUris = new (string Name, Uri? Uri)[]
        {
            (nameof(TaskHubStorageOptions.BlobServiceUri), options.BlobServiceUri),
            (nameof(TaskHubStorageOptions.QueueServiceUri), options.QueueServiceUri),
            (nameof(TaskHubStorageOptions.TableServiceUri), options.TableServiceUri),
        };
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasServiceUri = serviceUris.Any(s => s.Uri is not null);
        if (hasConnectionString == hasServiceUri)
        {
            return ValidateOptionsResult.Fail(
                $"The task hub needs either {Setting(nameof(TaskHubStorageOptions.ConnectionString))} (e.g. UseDevelopmentStorage=true) or " +
                $"{Setting(nameof(TaskHubStorageOptions.BlobServiceUri))}, {nameof(TaskHubStorageOptions.QueueServiceUri)} and " +
                $"{nameof(TaskHubStorageOptions.TableServiceUri)}, not both.");
        }

        var failures = serviceUris
            .Where(s => hasServiceUri && (s.Uri is not { IsAbsoluteUri: true } uri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            .Select(s => $"{Setting(s.Name)} must be an absolute http(s) URI.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{TaskHubStorageOptions.SectionName}:{property}";
}
