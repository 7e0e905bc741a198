using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPipeline.Engine.Tests.Tasks;

namespace VideoPipeline.Engine.Tests.Infrastructure;

/// <summary>
/// A generic host running the engine's worker and client with the test tasks, the way the pipeline's hosts register
/// them, over the orchestration service a backend registers.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    /// <summary>Only a guard against hanging forever; no test asserts on time.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    /// <summary>camelCase JSON, unlike the SDK's default converter, so tests can see which one wrote a payload.</summary>
    public static readonly DataConverter Converter = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<EngineHost> StartAsync(Action<HostApplicationBuilder> useBackend, Action<IServiceCollection>? configureServices = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(Converter);
        builder.Services.AddDurableTaskWorker(worker => worker.AddTasks(TestTasks.Register).UseOrchestrationService());
        builder.Services.AddDurableTaskClient(client => client.UseOrchestrationService());
        builder.Services.AddSingleton<Gates>();
        builder.Services.AddSingleton<ProbeLog>();
        builder.Services.AddScoped<ScopeProbe>();
        useBackend(builder);
        configureServices?.Invoke(builder.Services);

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new EngineHost(host);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
