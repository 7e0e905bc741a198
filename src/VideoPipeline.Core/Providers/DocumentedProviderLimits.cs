using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Starts every provider's limits at the ones it documents (<see cref="ProviderDefinition.DocumentedLimits"/>).
/// Registered before the <c>Providers</c> section is bound, so a configured value — 0 for unlimited included — wins.
/// </summary>
internal sealed class DocumentedProviderLimits(ModelCatalogue catalogue) : IConfigureOptions<ProvidersOptions>
{
    public void Configure(ProvidersOptions options)
    {
        foreach (var provider in Enum.GetValues<ProviderName>())
        {
            var limits = catalogue.Provider(provider).DocumentedLimits;
            var settings = options.For(provider);
            settings.RequestsPerMinute = limits.RequestsPerMinute;
            settings.MaxConcurrentTasks = limits.MaxConcurrentTasks;
        }
    }
}
