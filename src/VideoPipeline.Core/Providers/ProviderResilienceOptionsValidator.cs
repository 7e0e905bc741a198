using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Providers;

/// <summary>Reports every out-of-range <see cref="ProviderResilienceOptions"/> setting at once, at start-up.</summary>
internal sealed class ProviderResilienceOptionsValidator : IValidateOptions<ProviderResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderResilienceOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetryAttempts < 0)
        {
            failures.Add($"{Setting(nameof(ProviderResilienceOptions.MaxRetryAttempts))} must be 0 (no retries) or more.");
        }

        if (options.BaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(ProviderResilienceOptions.BaseDelay))} must not be negative.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(ProviderResilienceOptions.MaxRetryAfter))} must not be negative.");
        }

        if (options.MediaTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(ProviderResilienceOptions.MediaTimeout))} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{ProviderResilienceOptions.SectionName}:{property}";
}
