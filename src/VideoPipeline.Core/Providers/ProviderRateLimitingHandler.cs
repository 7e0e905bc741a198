using System.Threading.RateLimiting;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Takes a token from the provider's bucket before a request leaves (outermost handler, so the wait never counts
/// against the per-attempt timeout). When the queue is full the request fails as <c>rate_limited</c>, certainly unsent.
/// </summary>
internal sealed class ProviderRateLimitingHandler(ProviderName provider, RateLimiter? limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (limiter is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
            throw new ProviderException(
                ErrorCodes.RateLimited,
                $"{provider}: the client-side request budget is exhausted; the request was not sent",
                retryAfter: retryAfter == TimeSpan.Zero ? null : retryAfter,
                isTransient: true,
                requestMayHaveBeenProcessed: false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
