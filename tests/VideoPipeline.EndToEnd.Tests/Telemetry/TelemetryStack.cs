using VideoPipeline.Testing;
using VideoPipeline.Testing.Http;

namespace VideoPipeline.EndToEnd.Tests.Telemetry;

/// <summary>
/// The pipeline with OTLP export turned on the standard way (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, over HTTP/protobuf)
/// to the smallest OTLP/HTTP collector, with short export intervals, and a trace URL template for the dashboard. The
/// collector accepts every export (200 with an empty body, which OTLP/HTTP allows for a protobuf success) and does not
/// decode them; the in-process test (Functions tests, Telemetry/) checks what the spans say.
/// </summary>
public sealed class TelemetryStack : PipelineStack
{
    public const string TraceUrlTemplate = "http://127.0.0.1:18888/traces/detail/{traceId}";

    private ScriptedHttpServer _collector = null!;

    /// <summary>Non-empty exports received on <paramref name="path"/> (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
    public int ExportsTo(string path) => _collector.RequestsTo("POST", path).Count(r => r.Body.Length > 0);

    public override async Task InitializeAsync()
    {
        _collector = await ScriptedHttpServer.StartAsync();
        _collector.Otherwise(ScriptedHttpServer.Bytes(200, "application/x-protobuf", []));
        await base.InitializeAsync();
    }

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.BaseUrl.AbsoluteUri.TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "500";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        settings["Telemetry:TraceUrlTemplate"] = TraceUrlTemplate;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _collector.DisposeAsync();
    }
}
