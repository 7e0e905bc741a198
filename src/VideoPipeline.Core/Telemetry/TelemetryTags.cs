namespace VideoPipeline.Core.Telemetry;

/// <summary>
/// Attribute names of the pipeline's spans and metrics: OpenTelemetry's semantic conventions where one fits
/// (<c>error.type</c>, <c>http.*</c>), <c>videopipeline.*</c> otherwise.
/// </summary>
public static class TelemetryTags
{
    public const string JobId = "videopipeline.job.id";
    public const string BatchId = "videopipeline.batch.id";
    public const string JobOrigin = "videopipeline.job.origin";
    public const string JobStatus = "videopipeline.job.status";
    public const string JobPhase = "videopipeline.job.phase";
    public const string Provider = "videopipeline.provider";
    public const string Model = "videopipeline.model";
    public const string ProviderTaskId = "videopipeline.provider.task_id";
    public const string ProviderStatus = "videopipeline.provider.status";
    public const string ProviderEndpoint = "videopipeline.provider.endpoint";
    public const string Attempt = "videopipeline.attempt";
    public const string ArchiveBytes = "videopipeline.archive.bytes";
    public const string ErrorType = "error.type";
    public const string HttpMethod = "http.request.method";
    public const string HttpStatusCode = "http.response.status_code";
}
