using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Jobs;

/// <summary>
/// What the pipeline knows about a provider as a whole, as data beside its models (<see cref="ModelCatalogue"/>).
/// Limits live here rather than on a model because providers count them per account.
/// </summary>
public sealed record ProviderDefinition
{
    public required ProviderName Provider { get; init; }

    /// <summary>
    /// The limits the provider documents. They apply unless configuration (<c>Providers:{X}:RequestsPerMinute</c>,
    /// <c>MaxConcurrentTasks</c>) says otherwise.
    /// </summary>
    public ProviderLimits DocumentedLimits { get; init; } = ProviderLimits.None;
}
