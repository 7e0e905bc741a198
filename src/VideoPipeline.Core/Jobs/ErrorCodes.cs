namespace VideoPipeline.Core.Jobs;

/// <summary>Stable error codes a job can end with. Clients may switch on them.</summary>
public static class ErrorCodes
{
    public const string InvalidInput = "invalid_input";
    public const string ContentViolation = "content_violation";
    public const string RateLimited = "rate_limited";
    public const string InsufficientQuota = "insufficient_quota";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string ProviderUnavailable = "provider_unavailable";
    public const string ProviderError = "provider_error";
    public const string ProviderProtocolError = "provider_protocol_error";
    public const string GenerationFailed = "generation_failed";
    public const string SubmissionOutcomeUnknown = "submission_outcome_unknown";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string ResultExpired = "result_expired";
    public const string ResultTruncated = "result_truncated";
    public const string ResultNotMp4 = "result_not_mp4";
    public const string ResultMissing = "result_missing";
    public const string ArchiveConflict = "archive_conflict";
    public const string ArchiveFailed = "archive_failed";
}
