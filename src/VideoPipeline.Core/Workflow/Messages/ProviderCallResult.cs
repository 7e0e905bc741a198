using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The result of a submit or status activity: the provider task snapshot, or an error.</summary>
public sealed record ProviderCallResult(ProviderTask? Task, ActivityError? Error)
{
    public static ProviderCallResult Ok(ProviderTask task) => new(task, null);

    public static ProviderCallResult Failed(ActivityError error) => new(null, error);
}
