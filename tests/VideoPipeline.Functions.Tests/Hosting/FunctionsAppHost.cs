using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core;
using VideoPipeline.Emulator;
using VideoPipeline.Engine;
using VideoPipeline.Functions.Extensions;
using VideoPipeline.Functions.Orchestration;
using VideoPipeline.Testing;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// The Functions app run as the Functions host would run it — which cannot run here (Core Tools download the host at
/// install time): the app's own service registration, its orchestrator and activity trigger functions executed by the
/// engine Durable Functions uses (DurableTask.Core with the Azure Storage provider, on Azurite), its HTTP trigger
/// functions served at their routes on Kestrel, its queue trigger fed from the batch queue, and its timer trigger (the
/// task watch) run on its schedule. Providers are the
/// emulator over real HTTP, configured as <c>local.settings.sample.json</c> configures them.
/// </summary>
public class FunctionsAppHost : PipelineUnderTest, IAsyncLifetime
{
    public const string CallbackSecret = "functions-host-callback-secret";
    public const string BatchQueue = "video-batches";

    private AzuriteInstance? _azurite;
    private EmulatorServer? _emulator;
    private readonly CollectedLog _log = new();
    private WebApplication? _app;

    public override EmulatorServer Emulator => _emulator!;

    public IServiceProvider Services => _app!.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public override BlobServiceClient Blobs => Services.GetRequiredService<BlobServiceClient>();

    public QueueClient BatchQueueClient => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(BatchQueue);

    public QueueClient PoisonQueueClient => Services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{BatchQueue}-poison");

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _emulator = await EmulatorServer.StartAsync(o =>
        {
            o.DefaultGenerationSeconds = 1;
            o.DefaultResultBytes = 256 * 1024;
            o.OpenAi.WebhookUrl = new Uri($"{url}/api/webhooks/openai");
        });

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        var settings = Settings(url);
        Configure(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(_log);
        var functions = typeof(VideoJobOrchestratorFunction).Assembly;
        builder.Services.AddVideoPipelineFunctions(builder.Configuration);
        builder.Services.AddAzureStorageOrchestrationService(builder.Configuration);
        builder.Services.AddDurableTaskWorker(worker => worker
            .AddTasks(tasks => tasks.AddTriggerFunctions(functions, PipelineJson.DataConverter))
            .UseOrchestrationService());
        builder.Services.AddDurableTaskClient(client => client.UseOrchestrationService());
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<QueueTriggerListener>(services, functions));
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(services, functions));
        ConfigureServices(builder.Services);

        _app = builder.Build();
        _app.MapHttpTriggerFunctions(functions);
        await _app.StartAsync();
        Http.BaseAddress = new Uri(url);
    }

    /// <summary>Changes the app's settings before it is built.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Adds to the app's services before it is built, as the Functions host's own services would be.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override string Diagnostics => _log.Text;

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private Dictionary<string, string?> Settings(string url)
    {
        var emulator = Emulator.BaseUrl.AbsoluteUri.TrimEnd('/');
        var options = Emulator.Options;
        return new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite!.ConnectionString,
            ["Batches:QueueName"] = BatchQueue,
            ["DurableTask:TaskHubName"] = "FunctionsTests",
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.5",
            ["Pipeline:PublicBaseUrl"] = url,
            ["Pipeline:CallbackSecret"] = CallbackSecret,
            ["Pipeline:DevelopmentAllowedOrigins:0"] = emulator,
            ["Pipeline:MinPollInterval"] = "00:00:00.5",
            ["Pipeline:MaxPollInterval"] = "00:00:02",
            ["Pipeline:CallbackSafetyNetInterval"] = "00:00:02",
            ["Providers:FoxApi:BaseUrl"] = emulator,
            ["Providers:FoxApi:ApiKey"] = options.FoxApi.ApiKey,
            ["Providers:OpenAi:BaseUrl"] = $"{emulator}/v1",
            ["Providers:OpenAi:ApiKey"] = options.OpenAi.ApiKey,
            ["Providers:OpenAi:WebhookSecret"] = options.OpenAi.WebhookSecret,
            ["Providers:Apixo:BaseUrl"] = $"{emulator}/api/v1",
            ["Providers:Apixo:ApiKey"] = options.Apixo.ApiKey,
            ["Providers:Resilience:BaseDelay"] = "00:00:00.2",
        };
    }
}
