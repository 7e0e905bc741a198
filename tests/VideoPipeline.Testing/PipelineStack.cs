using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using VideoPipeline.Emulator;
using Xunit;

namespace VideoPipeline.Testing;

/// <summary>
/// The whole pipeline on loopback: in-memory Azurite, the provider emulator (in-process, real HTTP) and the local
/// host as a child process configured like <c>./run.sh</c> configures it, with short polling intervals so tests run
/// quickly. Subclasses change settings (e.g. a short job deadline) and the emulator's options (e.g. provider limits);
/// benchmarks run it on the production defaults instead (<see cref="UsesProductionDefaults"/>) and read Azurite's
/// access log as it is written (<see cref="OnAzuriteOutput"/>).
/// </summary>
public class PipelineStack : PipelineUnderTest, IAsyncLifetime, IAsyncDisposable
{
    public const string CallbackSecret = "end-to-end-callback-secret";

    private AzuriteInstance? _azurite;
    private EmulatorServer? _emulator;
    private LocalHostProcess? _host;
    private Dictionary<string, string> _settings = new();

    public AzuriteInstance Azurite => _azurite!;

    public override EmulatorServer Emulator => _emulator!;

    public LocalHostProcess Host => _host!;

    public override BlobServiceClient Blobs => new(Azurite.ConnectionString);

    /// <summary>
    /// When true, the host keeps its production polling intervals, queue timeouts and retry delays, and the emulator
    /// its own defaults (5 s generations, 1 MiB results), instead of the short ones that make tests quick.
    /// </summary>
    protected virtual bool UsesProductionDefaults => false;

    protected virtual void Configure(IDictionary<string, string> settings)
    {
    }

    /// <summary>Called with every line Azurite prints (its access log), as it arrives, on the output reader's thread.</summary>
    protected virtual void OnAzuriteOutput(string line)
    {
    }

    /// <summary>Changes the emulator's options after the stack's defaults are set.</summary>
    protected virtual void ConfigureEmulator(EmulatorOptions options)
    {
    }

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(onOutputLine: OnAzuriteOutput);
        var hostPort = FreePort.Next();
        var hostUrl = $"http://127.0.0.1:{hostPort}";
        _emulator = await EmulatorServer.StartAsync(o =>
        {
            if (!UsesProductionDefaults)
            {
                o.DefaultGenerationSeconds = 1;
                o.DefaultResultBytes = 256 * 1024;
                o.LateCallbackDelay = TimeSpan.FromSeconds(3);
            }

            o.OpenAi.WebhookUrl = new Uri($"{hostUrl}/api/webhooks/openai");
            ConfigureEmulator(o);
        });

        var emulatorUrl = Emulator.BaseUrl.AbsoluteUri.TrimEnd('/');
        _settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Pipeline:PublicBaseUrl"] = hostUrl,
            ["Pipeline:CallbackSecret"] = CallbackSecret,
            ["Pipeline:DevelopmentAllowedOrigins:0"] = emulatorUrl,
            ["LocalHost:Emulator:BaseUrl"] = emulatorUrl,
            ["LocalHost:Emulator:OpenAiWebhookSecret"] = Emulator.Options.OpenAi.WebhookSecret,
            ["DurableTask:WorkerId"] = "e2e-host-1",
        };
        if (!UsesProductionDefaults)
        {
            _settings["Pipeline:MinPollInterval"] = "00:00:00.5";
            _settings["Pipeline:MaxPollInterval"] = "00:00:02";
            _settings["Pipeline:CallbackSafetyNetInterval"] = "00:00:02";
            _settings["DurableTask:MaxQueuePollingInterval"] = "00:00:00.5";
            // A killed host's dequeued messages become visible again after this: short, so crash tests recover quickly.
            _settings["DurableTask:ControlQueueVisibilityTimeout"] = "00:00:15";
            _settings["DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:15";
            // Likewise the task watch of a killed host hands over after its lease lapses (15 s is the shortest lease).
            _settings["TaskWatch:LeaseDuration"] = "00:00:15";
            _settings["Providers:Resilience:BaseDelay"] = "00:00:00.2";
        }

        Configure(_settings);
        _host = await LocalHostProcess.StartAsync(hostPort, _settings);
        Http.BaseAddress = Host.BaseUrl;
    }

    public Task KillAndRestartHostAsync() => Host.KillAndRestartAsync(_settings);

    /// <summary>
    /// Starts another local host process on the same storage account, task hub and emulator, as a second instance of a
    /// scaled-out deployment: its own port (and callback URL) and worker id. The caller disposes it.
    /// </summary>
    public Task<LocalHostProcess> StartAnotherHostAsync(string workerId)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>(_settings)
        {
            ["DurableTask:WorkerId"] = workerId,
            ["Pipeline:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        };
        return LocalHostProcess.StartAsync(port, settings);
    }

    protected override string Diagnostics => _host?.Output ?? "";

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
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

    /// <summary>For callers outside xunit (benchmarks): <c>await using</c>.</summary>
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    protected static string Json(object value) => JsonSerializer.Serialize(value);
}
