namespace VideoPipeline.Core.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: what the pipeline's own pages say about its telemetry.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The placeholder of <see cref="TraceUrlTemplate"/> replaced by a job's trace id.</summary>
    public const string TraceIdPlaceholder = "{traceId}";

    /// <summary>
    /// Where a job's trace can be seen, with <see cref="TraceIdPlaceholder"/> for its id — e.g. the Aspire dashboard's
    /// <c>http://localhost:18888/traces/detail/{traceId}</c> or Jaeger's <c>http://localhost:16686/trace/{traceId}</c>.
    /// The dashboard links each job to it; without one it shows the trace id.
    /// </summary>
    public string? TraceUrlTemplate { get; set; }
}
