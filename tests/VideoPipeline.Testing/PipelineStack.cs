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
/// quickly. Subclasses change settings (e.g. a short job deadline) and the emulator's options (e.g. provider limits).
/// </summary>
public class PipelineStack : PipelineUnderTest, IAsyncLifetime
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

    protected virtual void Configure(IDictionary<string, string> settings)
    {
    }

    /// <summary>Changes the emulator's options after the stack's defaults are set.</summary>
    protected virtual void ConfigureEmulator(EmulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        var hostPort = FreePort.Next();
        var hostUrl = $"http://127.0.0.1:{hostPort}";
        _emulator = await EmulatorServer.StartAsync(o =>
        {
            o.DefaultGenerationSeconds = 1;
            o.DefaultResultBytes = 256 * 1024;
            o.LateCallbackDelay = TimeSpan.FromSeconds(3);
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
            ["Pipeline:MinPollInterval"] = "00:00:00.5",
            ["Pipeline:MaxPollInterval"] = "00:00:02",
            ["LocalHost:Emulator:BaseUrl"] = emulatorUrl,
            ["LocalHost:Emulator:OpenAiWebhookSecret"] = Emulator.Options.OpenAi.WebhookSecret,
            ["DurableTask:WorkerId"] = "e2e-host-1",
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.5",
            // A killed host's dequeued messages become visible again after this: short, so crash tests recover quickly.
            ["DurableTask:ControlQueueVisibilityTimeout"] = "00:00:15",
            ["DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:15",
            ["Providers:Resilience:BaseDelay"] = "00:00:00.2",
        };
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

    protected static string Json(object value) => JsonSerializer.Serialize(value);
}
