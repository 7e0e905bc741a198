using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Functions.Extensions;

public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// The Functions host: Core's services (see <see cref="FunctionsServiceCollectionExtensions.AddVideoPipelineFunctions"/>)
    /// and Application Insights telemetry from the worker (it reads <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>; without
    /// it, nothing is sent).
    /// </summary>
    public static FunctionsApplicationBuilder AddVideoPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVideoPipelineFunctions(builder.Configuration);
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        return builder;
    }
}
