using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Local.Telemetry;

namespace VideoPipeline.Local.Extensions;

public static class LocalTelemetryExtensions
{
    /// <summary>The variable (or configuration key) that turns OTLP export on, as every OpenTelemetry SDK reads it.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry for the local host: the pipeline's spans and metrics (<see cref="PipelineTelemetry.Name"/>), ASP.NET
    /// Core and HttpClient instrumentation, exported over OTLP when <see cref="OtlpEndpointKey"/> is set (with the
    /// other standard <c>OTEL_*</c> variables: protocol, headers, intervals) and nowhere otherwise. Spans are made either
    /// way, so every job has a trace id to show.
    /// </summary>
    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("VideoPipeline.Local"))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new BackgroundClientCallSampler()))
                .AddSource(PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbeOrAsset(context.Request.Path))
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = HttpTelemetryFilter.ShouldTrace))
            .WithMetrics(metrics => metrics
                .AddMeter(PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointKey]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Probes and the dashboard's static files: frequent, and nothing to trace.</summary>
    private static bool IsProbeOrAsset(PathString path) =>
        path.StartsWithSegments("/api/health") || path.StartsWithSegments("/api/ready")
        || path.StartsWithSegments("/api/dashboard") || path == "/";
}
