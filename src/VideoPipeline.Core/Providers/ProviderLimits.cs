namespace VideoPipeline.Core.Providers;

/// <summary>
/// Limits a provider puts on one account: API requests per minute (submits, polls, cancels, deletes alike) and tasks
/// generating at the same time. 0 means no limit.
/// </summary>
public sealed record ProviderLimits(int RequestsPerMinute, int MaxConcurrentTasks)
{
    public static ProviderLimits None { get; } = new(0, 0);
}
