using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests.Telemetry;

/// <summary>
/// The pipeline with OTLP export turned on the standard way (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, over HTTP/protobuf)
/// to an <see cref="OtlpReceiver"/>, with short export intervals, and a trace URL template for the dashboard.
/// </summary>
public sealed class TelemetryStack : PipelineStack
{
    public const string TraceUrlTemplate = "http://127.0.0.1:18888/traces/detail/{traceId}";

    public OtlpReceiver Receiver { get; } = new(FreePort.Next());

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.AbsoluteUri.TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "500";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        settings["Telemetry:TraceUrlTemplate"] = TraceUrlTemplate;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
