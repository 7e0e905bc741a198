using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoPipeline.Engine.Tests.Infrastructure;

/// <summary>The orchestration services the engine runs on in tests.</summary>
public static class Backends
{
    /// <summary>DurableTask.Core's in-memory service; hosts given the same instance share one task hub.</summary>
    public static Action<HostApplicationBuilder> InMemory(InMemoryOrchestrationService service) => builder =>
    {
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
    };

    /// <summary>The hosts' own registration: Azure Storage (here Azurite) configured from <c>Storage</c> and <c>DurableTask</c>.</summary>
    public static Action<HostApplicationBuilder> AzureStorage(string connectionString, string taskHub, string workerId) => builder =>
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["DurableTask:TaskHubName"] = taskHub,
            ["DurableTask:WorkerId"] = workerId,
        });
        builder.Services.AddAzureStorageOrchestrationService(builder.Configuration);
    };
}
