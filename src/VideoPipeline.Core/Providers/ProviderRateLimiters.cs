using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// One client-side token bucket per provider, shared by every HTTP handler instance (the factory recycles
/// handlers; the budget must survive that). Built from <see cref="ProviderConnectionOptions.RequestsPerMinute"/>; 0 = unlimited.
/// </summary>
internal sealed class ProviderRateLimiters(IOptions<ProvidersOptions> options) : IDisposable
{
    private readonly Dictionary<ProviderName, RateLimiter?> _limiters = [];
    private readonly Lock _gate = new();

    public RateLimiter? Get(ProviderName provider)
    {
        lock (_gate)
        {
            if (!_limiters.TryGetValue(provider, out var limiter))
            {
                limiter = Create(options.Value.For(provider).RequestsPerMinute);
                _limiters[provider] = limiter;
            }

            return limiter;
        }
    }

    /// <summary>
    /// Tokens replenish one at a time, every minute / <paramref name="requestsPerMinute"/>, so requests are paced
    /// rather than released in bursts; up to a sixth of the minute's budget may burst after a quiet spell. Up to one
    /// minute's worth of requests wait in line; beyond that a request fails fast as <c>rate_limited</c>.
    /// </summary>
    public static RateLimiter? Create(int requestsPerMinute) => requestsPerMinute <= 0
        ? null
        : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, requestsPerMinute / 6),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / requestsPerMinute,
            QueueLimit = requestsPerMinute,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var limiter in _limiters.Values)
            {
                limiter?.Dispose();
            }

            _limiters.Clear();
        }
    }
}
