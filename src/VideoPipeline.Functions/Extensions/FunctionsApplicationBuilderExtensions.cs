using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Functions.Extensions;

public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// The Functions host: Core's services (see <see cref="FunctionsServiceCollectionExtensions.AddVideoPipelineFunctions"/>)
    /// and OpenTelemetry from the worker, exported to Application Insights when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (host.json's <c>telemetryMode</c> makes the host do the same).
    /// </summary>
    public static FunctionsApplicationBuilder AddVideoPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVideoPipelineFunctions(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        return builder;
    }
}
