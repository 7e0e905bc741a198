namespace VideoPipeline.Core.Providers;

/// <summary>The answer of <see cref="IProviderRequestBudget.AcquireAsync"/>: the request may leave, or when to try again.</summary>
public readonly record struct RequestBudgetResult(bool IsAcquired, TimeSpan? RetryAfter = null)
{
    public static RequestBudgetResult Acquired { get; } = new(true);

    public static RequestBudgetResult Refused(TimeSpan? retryAfter) => new(false, retryAfter);
}
