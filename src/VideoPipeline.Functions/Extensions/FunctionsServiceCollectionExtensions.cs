using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core;

namespace VideoPipeline.Functions.Extensions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Core's services exactly as the local host registers them (<c>AddVideoPipelineCore</c>, <c>AddPipelineStorage</c>,
    /// <c>AddVideoProviders</c>), the per-invocation <see cref="VideoJobsApiFactory"/>, and Core's JSON convention for
    /// everything the worker serialises. The Durable extension builds its data converter from
    /// <see cref="WorkerOptions.Serializer"/>, so orchestration inputs, outputs, custom status, events and activity
    /// payloads are camelCase with string enums, as <c>JobViewFactory</c> reads them.
    /// </summary>
    public static IServiceCollection AddVideoPipelineFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddVideoPipelineCore(configuration);
        services.AddPipelineStorage(configuration);
        services.AddVideoProviders(configuration);
        services.AddSingleton<VideoJobsApiFactory>();
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(PipelineJson.Options));
        return services;
    }
}
