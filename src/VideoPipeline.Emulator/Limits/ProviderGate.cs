using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Limits;

/// <summary>
/// Runs before every API endpoint of one provider: checks the bearer key, then the request budget, answering in
/// that provider's own error shapes. Result file downloads do not pass here: like CDN links they need no key.
/// </summary>
internal sealed class ProviderGate(ProviderKind provider, IProviderErrors errors) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var settings = provider.SettingsIn(services.GetRequiredService<IOptions<EmulatorOptions>>().Value);

        var presented = BearerToken(http.Request);
        if (presented is null || !KeysEqual(presented, settings.ApiKey))
        {
            return errors.Unauthorized(presented);
        }

        var limit = settings.RateLimit;
        if (limit.RequestsPerMinute > 0)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var limiter = services.GetRequiredService<RequestRateLimiter>();
            if (!limiter.TryAcquire(provider, limit.RequestsPerMinute, now, out var wait))
            {
                services.GetRequiredService<EmulatorStats>().Record(StatKind.RateLimited, provider);
                RetryAfter.Set(http.Response, wait);
                return errors.TooManyRequests($"Rate limit of {limit.RequestsPerMinute} requests per minute exceeded.");
            }
        }

        return await next(context);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static bool KeysEqual(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
