using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>Reports every out-of-range provider limit at once, at start-up.</summary>
internal sealed class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        var failures = new List<string>();
        foreach (var provider in Enum.GetValues<ProviderName>())
        {
            var settings = options.For(provider);
            var section = $"{ProvidersOptions.SectionName}:{provider}";
            if (settings.RequestsPerMinute < 0)
            {
                failures.Add($"{section}:{nameof(ProviderConnectionOptions.RequestsPerMinute)} must be 0 (unlimited) or more.");
            }

            if (settings.MaxConcurrentTasks < 0)
            {
                failures.Add($"{section}:{nameof(ProviderConnectionOptions.MaxConcurrentTasks)} must be 0 (unlimited) or more.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
