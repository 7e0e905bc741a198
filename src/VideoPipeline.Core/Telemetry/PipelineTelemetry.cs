using System.Diagnostics;
using System.Diagnostics.Metrics;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Telemetry;

/// <summary>
/// The pipeline's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>: hosts
/// add that name to their OpenTelemetry tracing and metrics. Spans are started by the API, the activities and the
/// callback handlers (see <see cref="JobTrace"/>), never by the orchestrator, which replays. Metric tags are bounded:
/// provider, model, outcome, error code, endpoint template, status code — never a job id, a URL or a secret.
/// </summary>
public static class PipelineTelemetry
{
    public const string Name = "VideoPipeline";

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> JobsStarted = Meter.CreateCounter<long>(
        "videopipeline.jobs.started", "{job}", "Jobs started, by provider, model and origin (api or batch).");

    private static readonly Counter<long> JobsFinished = Meter.CreateCounter<long>(
        "videopipeline.jobs.finished", "{job}", "Jobs finished, by provider, model, status and error code.");

    private static readonly UpDownCounter<long> JobsWaiting = Meter.CreateUpDownCounter<long>(
        "videopipeline.jobs.waiting", "{job}",
        "Jobs whose task the provider accepted and that have not finished yet; each process reports the changes it made.");

    private static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>(
        "videopipeline.job.phase.duration", "s", "Time a finished job spent in each phase: submit, generate, archive.");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "videopipeline.job.duration", "s", "Time from the start of the workflow to the end of the job.");

    private static readonly Counter<long> ProviderRequests = Meter.CreateCounter<long>(
        "videopipeline.provider.requests", "{request}", "HTTP requests sent to providers, per attempt, by endpoint and status code.");

    private static readonly Histogram<double> ProviderRequestDuration = Meter.CreateHistogram<double>(
        "videopipeline.provider.request.duration", "s", "Time until a provider's response headers, per attempt.");

    private static readonly Counter<long> ProviderThrottled = Meter.CreateCounter<long>(
        "videopipeline.provider.throttled", "{request}", "Provider answers 429 Too Many Requests, by endpoint.");

    private static readonly Histogram<long> ArchiveSize = Meter.CreateHistogram<long>(
        "videopipeline.archive.size", "By", "Bytes of each archived video.");

    private static readonly Histogram<double> ArchiveThroughput = Meter.CreateHistogram<double>(
        "videopipeline.archive.throughput", "MiBy/s", "Archive speed of each video, provider to committed blob.");

    private static string Version => typeof(PipelineTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    internal static void JobStarted(JobRequest request, string origin) =>
        JobsStarted.Add(1, Provider(request.Provider), Model(request.Model), new(TelemetryTags.JobOrigin, origin));

    internal static void JobFinished(ProviderName provider, string model, JobStatus status, string? errorCode)
    {
        var tags = new TagList { Provider(provider), Model(model), Status(status) };
        if (errorCode is not null)
        {
            tags.Add(TelemetryTags.ErrorType, errorCode);
        }

        JobsFinished.Add(1, tags);
    }

    internal static void JobAcceptedByProvider(ProviderName provider, string model) =>
        JobsWaiting.Add(1, Provider(provider), Model(model));

    internal static void JobLeftProvider(ProviderName provider, string model) =>
        JobsWaiting.Add(-1, Provider(provider), Model(model));

    internal static void PhaseTook(ProviderName provider, string model, string phase, TimeSpan duration) =>
        PhaseDuration.Record(duration.TotalSeconds, Provider(provider), Model(model), new(TelemetryTags.JobPhase, phase));

    internal static void JobTook(ProviderName provider, string model, JobStatus status, TimeSpan duration) =>
        JobDuration.Record(duration.TotalSeconds, Provider(provider), Model(model), Status(status));

    internal static void ProviderRequestSent(
        ProviderName? provider, string method, string endpoint, int? statusCode, string? errorType, TimeSpan duration)
    {
        var tags = new TagList
        {
            { TelemetryTags.Provider, provider is { } name ? PipelineJson.EnumName(name) : "unknown" },
            { TelemetryTags.HttpMethod, method },
            { TelemetryTags.ProviderEndpoint, endpoint },
        };
        if (statusCode is { } code)
        {
            tags.Add(TelemetryTags.HttpStatusCode, code);
        }

        if (errorType is not null)
        {
            tags.Add(TelemetryTags.ErrorType, errorType);
        }

        ProviderRequests.Add(1, tags);
        ProviderRequestDuration.Record(duration.TotalSeconds, tags);
        if (statusCode == 429)
        {
            ProviderThrottled.Add(1, tags[0], tags[2]);
        }
    }

    internal static void VideoArchived(ProviderName provider, string model, long bytes, TimeSpan duration)
    {
        ArchiveSize.Record(bytes, Provider(provider), Model(model));
        if (duration > TimeSpan.Zero)
        {
            ArchiveThroughput.Record(bytes / (1024.0 * 1024.0) / duration.TotalSeconds, Provider(provider), Model(model));
        }
    }

    private static KeyValuePair<string, object?> Provider(ProviderName provider) =>
        new(TelemetryTags.Provider, PipelineJson.EnumName(provider));

    private static KeyValuePair<string, object?> Model(string model) => new(TelemetryTags.Model, model);

    private static KeyValuePair<string, object?> Status(JobStatus status) =>
        new(TelemetryTags.JobStatus, PipelineJson.EnumName(status));
}
