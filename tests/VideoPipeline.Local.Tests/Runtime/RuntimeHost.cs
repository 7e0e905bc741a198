using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Extensions;
using VideoPipeline.Local.Runtime;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Runtime;

/// <summary>
/// One "process" running the local durable runtime against Azurite: its own DI container and hosted service, on a
/// container shared by the runtimes of one test. Short leases and polls so takeovers happen within a test.
/// </summary>
internal sealed class RuntimeHost : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly ServiceProvider _provider;
    private bool _running;

    private RuntimeHost(ServiceProvider provider) => _provider = provider;

    public IOrchestrationClient Client => _provider.GetRequiredService<IOrchestrationClient>();

    public RuntimeStorage Storage => _provider.GetRequiredService<RuntimeStorage>();

    public LocalDurableRuntime Runtime => _provider.GetRequiredService<LocalDurableRuntime>();

    public static string NewContainerName() => $"rt-{Guid.NewGuid():N}";

    public static async Task<RuntimeHost> StartAsync(
        AzuriteFixture azurite,
        string containerName,
        Action<LocalRuntimeBuilder> configure,
        TimeProvider? time = null,
        bool start = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LocalRuntime:ContainerName"] = containerName,
                ["LocalRuntime:LeaseDuration"] = "00:00:15",
                ["LocalRuntime:LeaseRenewInterval"] = "00:00:05",
                ["LocalRuntime:PollInterval"] = "00:00:00.100",
                ["LocalRuntime:DiscoveryInterval"] = "00:00:00.500",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLocalDurableRuntime(configuration, configure);
        var host = new RuntimeHost(services.BuildServiceProvider(validateScopes: true));
        await host.Storage.EnsureContainerAsync(CancellationToken.None);
        if (start)
        {
            await host.StartAsync();
        }

        return host;
    }

    public async Task StartAsync()
    {
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        _running = true;
    }

    /// <summary>Graceful stop: leases are released, so another runtime can take over at once.</summary>
    public Task StopAsync() => StopAsync(CancellationToken.None);

    /// <summary>Stops like a killed process: nothing completed or released; leases lapse on their own.</summary>
    public Task CrashAsync() => StopAsync(new CancellationToken(canceled: true));

    public async Task<Journal> ReadJournalAsync(string instanceId) =>
        await _provider.GetRequiredService<JournalStore>().LoadAsync(instanceId, CancellationToken.None)
        ?? throw new InvalidOperationException($"No journal for {instanceId}.");

    public async Task<Journal> WaitForJournalAsync(
        string instanceId, Func<Journal, bool> condition, TimeSpan? timeout = null)
    {
        var journals = _provider.GetRequiredService<JournalStore>();
        var journal = await Eventually.GetAsync(
            () => journals.LoadAsync(instanceId, CancellationToken.None),
            j => j is not null && condition(j),
            timeout ?? DefaultTimeout,
            $"journal of {instanceId}");
        return journal!;
    }

    public async Task<OrchestrationInstance> WaitForInstanceAsync(
        string instanceId, Func<OrchestrationInstance, bool> condition, TimeSpan? timeout = null)
    {
        var instance = await Eventually.GetAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            i => i is not null && condition(i),
            timeout ?? DefaultTimeout,
            $"instance {instanceId}");
        return instance!;
    }

    public Task<OrchestrationInstance> WaitForFinishAsync(string instanceId, TimeSpan? timeout = null) =>
        WaitForInstanceAsync(instanceId, i => i.IsFinished, timeout);

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }

        await _provider.DisposeAsync();
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StopAsync(cancellationToken);
        }
    }
}
