using System.Net.Sockets;
using Polly.Timeout;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Classifies provider failures into <see cref="ProviderException"/>s. The HTTP mapping:
/// <list type="table">
/// <item>400, 422 → invalid_input (content_violation when the body's code is a content-policy code)</item>
/// <item>401, 403 → unauthorized; 402 → insufficient_quota; 404 → not_found</item>
/// <item>408 → provider_unavailable, transient, not processed</item>
/// <item>429 → rate_limited, transient, not processed (insufficient_quota when the body says so)</item>
/// <item>503 → provider_unavailable, transient; not processed only when Retry-After is given (a server that asks to be called again has not taken the task)</item>
/// <item>other 5xx → provider_unavailable, transient, may have been processed (a gateway may have forwarded it)</item>
/// <item>other 4xx → provider_error; anything else → provider_protocol_error</item>
/// </list>
/// Transport failures: could not connect (DNS, refused, TLS, proxy) → provider_unavailable, transient, not processed;
/// a timeout or a connection lost after sending → provider_unavailable, transient, may have been processed.
/// (<c>timeout</c> stays reserved for the workflow's overall deadline.)
/// </summary>
internal static class ProviderErrors
{
    public static ProviderException FromStatus(ProviderName provider, int status, ProviderErrorDetail detail, TimeSpan? retryAfter)
    {
        var message = $"{provider} answered HTTP {status}: {detail}";
        return status switch
        {
            400 or 422 => new(
                TaskFailureClassifier.IsContentViolation(detail.Code) ? ErrorCodes.ContentViolation : ErrorCodes.InvalidInput,
                message,
                status),
            401 or 403 => new(ErrorCodes.Unauthorized, message, status),
            402 => new(ErrorCodes.InsufficientQuota, message, status),
            404 => new(ErrorCodes.NotFound, message, status),
            408 => new(ErrorCodes.ProviderUnavailable, message, status, retryAfter, isTransient: true),
            429 when IsQuota(detail) => new(ErrorCodes.InsufficientQuota, message, status),
            429 => new(ErrorCodes.RateLimited, message, status, retryAfter, isTransient: true),
            503 => new(
                ErrorCodes.ProviderUnavailable,
                message,
                status,
                retryAfter,
                isTransient: true,
                requestMayHaveBeenProcessed: retryAfter is null),
            >= 500 and <= 599 => new(
                ErrorCodes.ProviderUnavailable, message, status, retryAfter, isTransient: true, requestMayHaveBeenProcessed: true),
            >= 400 and <= 499 => new(ErrorCodes.ProviderError, message, status),
            _ => new(ErrorCodes.ProviderProtocolError, message, status),
        };
    }

    /// <summary>A failure without an HTTP answer. Returns null for exceptions that are not transport failures.</summary>
    public static ProviderException? FromTransport(ProviderName provider, HttpRequestMessage request, Exception exception, TimeSpan timeout)
    {
        var what = $"{provider} {request.Method} {request.RequestUri?.AbsolutePath}";
        return exception switch
        {
            TimeoutRejectedException or TaskCanceledException or OperationCanceledException => TimedOut(what, timeout, exception),
            HttpRequestException http when NotSent(http) => new ProviderException(
                ErrorCodes.ProviderUnavailable,
                $"{what}: could not connect ({http.HttpRequestError}): {http.Message}",
                isTransient: true,
                requestMayHaveBeenProcessed: false,
                innerException: http),
            HttpRequestException or IOException => new ProviderException(
                ErrorCodes.ProviderUnavailable,
                $"{what}: connection lost after the request was sent: {exception.Message}",
                isTransient: true,
                requestMayHaveBeenProcessed: true,
                innerException: exception),
            _ => null,
        };
    }

    public static ProviderException TimedOut(string what, TimeSpan timeout, Exception? inner) => new(
        ErrorCodes.ProviderUnavailable,
        $"{what}: no complete answer within {timeout.TotalSeconds:0.###} s; the provider may have acted on the request",
        isTransient: true,
        requestMayHaveBeenProcessed: true,
        innerException: inner);

    /// <summary>The same failure, marked "may have been processed": the provider accepted the request (2xx) first.</summary>
    public static ProviderException Accepted(ProviderException exception) => exception.RequestMayHaveBeenProcessed
        ? exception
        : new ProviderException(
            exception.Code,
            exception.Message + " (the provider accepted the request: the task may exist)",
            exception.StatusCode,
            exception.RetryAfter,
            exception.IsTransient,
            requestMayHaveBeenProcessed: true,
            exception);

    public static ProviderException Protocol(ProviderName provider, string message, Exception? inner = null) =>
        new(ErrorCodes.ProviderProtocolError, $"{provider}: {message}", innerException: inner);

    /// <summary>True when the request certainly never reached the provider.</summary>
    private static bool NotSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError
        || (exception.HttpRequestError == HttpRequestError.Unknown
            && exception.InnerException is SocketException
            {
                SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                    or SocketError.NetworkUnreachable or SocketError.TryAgain,
            });

    private static bool IsQuota(ProviderErrorDetail detail) =>
        string.Equals(detail.Code, "insufficient_quota", StringComparison.OrdinalIgnoreCase)
        || string.Equals(detail.Type, "insufficient_quota", StringComparison.OrdinalIgnoreCase);
}
