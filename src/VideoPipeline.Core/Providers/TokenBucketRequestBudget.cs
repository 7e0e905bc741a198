using System.Threading.RateLimiting;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// The in-process budget: one <see cref="ProviderRateLimiters"/> token bucket per provider. It paces one process, but
/// every process sharing a provider account gets the whole budget, a restarted one starts afresh, and its burst can
/// put a few more requests than the limit into one sliding minute; hosts with storage therefore use the shared
/// <see cref="Admission.BlobRequestBudget"/> instead.
/// </summary>
internal sealed class TokenBucketRequestBudget(ProviderRateLimiters limiters) : IProviderRequestBudget
{
    public async ValueTask<RequestBudgetResult> AcquireAsync(ProviderName provider, CancellationToken cancellationToken)
    {
        if (limiters.Get(provider) is not { } limiter)
        {
            return RequestBudgetResult.Acquired;
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return RequestBudgetResult.Acquired;
        }

        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        return RequestBudgetResult.Refused(retryAfter == TimeSpan.Zero ? null : retryAfter);
    }
}
