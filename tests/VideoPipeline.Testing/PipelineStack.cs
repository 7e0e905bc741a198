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
public class PipelineStack : IAsyncLifetime
{
    public const string CallbackSecret = "end-to-end-callback-secret";

    private AzuriteInstance? _azurite;
    private EmulatorServer? _emulator;
    private LocalHostProcess? _host;
    private Dictionary<string, string> _settings = new();

    public AzuriteInstance Azurite => _azurite!;

    public EmulatorServer Emulator => _emulator!;

    public LocalHostProcess Host => _host!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public BlobServiceClient Blobs => new(Azurite.ConnectionString);

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
            ["LocalRuntime:LeaseDuration"] = "00:00:15",
            ["LocalRuntime:LeaseRenewInterval"] = "00:00:05",
            ["LocalRuntime:PollInterval"] = "00:00:00.2",
            ["LocalRuntime:DiscoveryInterval"] = "00:00:01",
            ["Providers:Resilience:BaseDelay"] = "00:00:00.2",
        };
        Configure(_settings);
        _host = await LocalHostProcess.StartAsync(hostPort, _settings);
        Http.BaseAddress = Host.BaseUrl;
    }

    public Task KillAndRestartHostAsync() => Host.KillAndRestartAsync(_settings);

    public async Task<string> StartJobAsync(object request, string? idempotencyKey = null, HttpClient? client = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/videos") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await (client ?? Http).SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"POST /api/videos answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetJobAsync(string id) =>
        (await Http.GetFromJsonAsync<JsonObject>($"/api/videos/{id}"))!;

    /// <summary>Polls the job view until the job ends; fails with the host's log if it does not within the timeout.</summary>
    public async Task<JsonObject> WaitForEndAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var job = await GetJobAsync(id);
            if (job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} did not end; last view {job}\nHost log:\n{Host.Output}");
            }

            await Task.Delay(250);
        }
    }

    public async Task<JsonObject> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var job = await GetJobAsync(id);
            if (job["status"]!.GetValue<string>() == status)
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} never reached '{status}'; last view {job}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The emulator's counters for one prompt (submissions, status calls, downloads, callbacks).</summary>
    public async Task<JsonObject> PromptStatsAsync(string prompt)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        var stats = await http.GetFromJsonAsync<JsonObject>("/emulator/stats");
        return stats!["prompts"]![prompt]?.AsObject() ?? new JsonObject();
    }

    public static long Count(JsonObject stats, string name) =>
        stats[name] is JsonValue value ? value.GetValue<long>() : 0;

    public async Task DisposeAsync()
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
