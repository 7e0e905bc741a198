using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// A provider call that did not succeed, classified so callers can act without knowing the dialect.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(
        string code,
        string message,
        int? statusCode = null,
        TimeSpan? retryAfter = null,
        bool isTransient = false,
        bool requestMayHaveBeenProcessed = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        IsTransient = isTransient;
        RequestMayHaveBeenProcessed = requestMayHaveBeenProcessed;
    }

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status the provider answered with, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's <c>Retry-After</c>, when given.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Trying again later may succeed (429, 5xx, connection failures).</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// The request reached the provider and it may have acted on it (timeout or dropped connection after the
    /// request was sent). For a submit this means the task may exist and be billed: never resubmit blindly.
    /// </summary>
    public bool RequestMayHaveBeenProcessed { get; }
}
