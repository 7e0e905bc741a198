using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// A provider's request budget (<see cref="ProviderConnectionOptions.RequestsPerMinute"/>), taken once for every request to the
/// provider's API — submits, status polls, cancels and deletes alike. <c>AddVideoProviders</c> registers an
/// in-process token bucket; <c>AddVideoPipelineCore</c> replaces it with a budget in Blob Storage that every process
/// of the deployment shares.
/// </summary>
public interface IProviderRequestBudget
{
    /// <summary>
    /// Takes one request from <paramref name="provider"/>'s budget, waiting a bounded time for room. When the wait
    /// would be longer the request is refused, with how long to wait, so that a workflow can wait durably instead.
    /// </summary>
    ValueTask<RequestBudgetResult> AcquireAsync(ProviderName provider, CancellationToken cancellationToken);
}
