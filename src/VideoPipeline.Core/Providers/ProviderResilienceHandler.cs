using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Runs each request through a Polly pipeline: a per-attempt timeout (until response headers) for every request,
/// and retries of transient faults — 408, 429 and 5xx (honouring <c>Retry-After</c> up to
/// <see cref="ProviderResilienceOptions.MaxRetryAfter"/>), connection failures, attempt timeouts — for GET, HEAD and
/// DELETE only. A POST (submit) is never retried: the provider may have created, and billed, the task.
/// </summary>
internal sealed class ProviderResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _nonIdempotent;

    public ProviderResilienceHandler(TimeSpan attemptTimeout, ProviderResilienceOptions options, TimeProvider timeProvider)
    {
        _idempotent = Build(attemptTimeout, options, timeProvider, retry: true);
        _nonIdempotent = Build(attemptTimeout, options, timeProvider, retry: false);
    }

    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Delete;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = IsIdempotent(request.Method) ? _idempotent : _nonIdempotent;
        return await pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static ResiliencePipeline<HttpResponseMessage> Build(
        TimeSpan attemptTimeout, ProviderResilienceOptions options, TimeProvider timeProvider, bool retry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (retry && options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfterHeader.Read(response, timeProvider) : null),
            });
        }

        // Polly accepts timeouts from 10 ms to 24 h; outside that range (e.g. infinite) no attempt timeout applies.
        if (attemptTimeout >= TimeSpan.FromMilliseconds(10) && attemptTimeout <= TimeSpan.FromHours(24))
        {
            builder.AddTimeout(attemptTimeout);
        }

        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (!IsTransientStatus(response.StatusCode))
        {
            return false;
        }

        // A long Retry-After goes back to the workflow, which can wait durably.
        return RetryAfterHeader.Read(response, timeProvider) is not { } retryAfter || retryAfter <= maxRetryAfter;
    }

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
