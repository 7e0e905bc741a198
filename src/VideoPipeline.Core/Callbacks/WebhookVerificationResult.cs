namespace VideoPipeline.Core.Callbacks;

/// <summary>The outcome of verifying a signed webhook; <see cref="FailureReason"/> says why it was refused.</summary>
public sealed record WebhookVerificationResult(bool IsValid, string? FailureReason = null)
{
    public static WebhookVerificationResult Valid { get; } = new(true);

    public static WebhookVerificationResult Invalid(string reason) => new(false, reason);
}
