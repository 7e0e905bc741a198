using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Takes a request from the provider's budget before a request leaves (outermost handler, so the wait never counts
/// against the per-attempt timeout), unless the caller paid for it already (<see cref="PrepaidProviderRequest"/>).
/// When the budget refuses, the request fails as <c>rate_limited</c>, certainly unsent.
/// </summary>
internal sealed class ProviderRateLimitingHandler(ProviderName provider, IProviderRequestBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!PrepaidProviderRequest.TryConsume(provider))
        {
            var budgetResult = await budget.AcquireAsync(provider, cancellationToken).ConfigureAwait(false);
            if (!budgetResult.IsAcquired)
            {
                throw new ProviderException(
                    ErrorCodes.RateLimited,
                    $"{provider}: the client-side request budget is exhausted; the request was not sent",
                    retryAfter: budgetResult.RetryAfter,
                    isTransient: true,
                    requestMayHaveBeenProcessed: false);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
