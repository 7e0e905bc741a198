using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Functions.Extensions;

public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// The Functions host: Core's services (see <see cref="FunctionsServiceCollectionExtensions.AddVideoPipelineFunctions"/>)
    /// and OpenTelemetry from the worker with the pipeline's spans and metrics (<see cref="PipelineTelemetry.Name"/>),
    /// exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (host.json's
    /// <c>telemetryMode</c> makes the host do the same) and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
    /// </summary>
    public static FunctionsApplicationBuilder AddVideoPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVideoPipelineFunctions(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(PipelineTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(PipelineTelemetry.Name));
        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
