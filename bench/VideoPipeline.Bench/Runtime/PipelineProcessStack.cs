using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Emulator;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The whole pipeline on loopback, like the end-to-end tests' <c>PipelineStack</c> but with the host's production
/// defaults (polling intervals, runtime intervals, logging): in-memory Azurite whose access log is watched, the
/// provider emulator in this process, and the local host as a child process configured like <c>./run.sh</c>
/// configures it (callbacks on, since a public base URL is set).
/// </summary>
internal sealed class PipelineProcessStack : IAsyncDisposable
{
    public const string CallbackSecret = "benchmark-callback-secret";

    private readonly ConcurrentDictionary<string, JobSignals> _jobs = new(StringComparer.Ordinal);
    private StreamingAzurite? _azurite;
    private EmulatorServer? _emulator;
    private LocalHostChild? _host;

    private PipelineProcessStack()
    {
    }

    public StorageCounter Storage { get; } = new();

    public StreamingAzurite Azurite => _azurite!;

    public EmulatorServer Emulator => _emulator!;

    public LocalHostChild Host => _host!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public HttpClient EmulatorHttp { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <param name="overrides">Host settings to change (e.g. polling intervals).</param>
    public static async Task<PipelineProcessStack> StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var stack = new PipelineProcessStack();
        try
        {
            await stack.InitializeAsync(overrides ?? new Dictionary<string, string>());
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public JobSignals Signals(string jobId) => _jobs.GetOrAdd(jobId, _ => new JobSignals());

    public async Task<string> StartJobAsync(object request, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("/api/videos", request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST /api/videos answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetJobAsync(string id, CancellationToken cancellationToken) =>
        (await Http.GetFromJsonAsync<JsonObject>($"/api/videos/{id}", cancellationToken))!;

    public async Task<JsonObject> EmulatorStatsAsync(CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>("emulator/stats", cancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        EmulatorHttp.Dispose();
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

    private async Task InitializeAsync(IReadOnlyDictionary<string, string> overrides)
    {
        _azurite = await StreamingAzurite.StartAsync(OnStorageRequest);
        var hostPort = FreePort.Next();
        var hostUrl = $"http://127.0.0.1:{hostPort}";
        _emulator = await EmulatorServer.StartAsync(o => o.OpenAi.WebhookUrl = new Uri($"{hostUrl}/api/webhooks/openai"));
        EmulatorHttp.BaseAddress = _emulator.BaseUrl;

        var emulatorUrl = _emulator.BaseUrl.AbsoluteUri.TrimEnd('/');
        var settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Pipeline:PublicBaseUrl"] = hostUrl,
            ["Pipeline:CallbackSecret"] = CallbackSecret,
            ["Pipeline:DevelopmentAllowedOrigins:0"] = emulatorUrl,
            ["LocalHost:Emulator:BaseUrl"] = emulatorUrl,
            ["LocalHost:Emulator:OpenAiWebhookSecret"] = _emulator.Options.OpenAi.WebhookSecret,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        Settings = settings;
        _host = await LocalHostChild.StartAsync(hostPort, settings);
        Http.BaseAddress = _host.BaseUrl;
    }

    private void OnStorageRequest(AzuriteRequest request)
    {
        Storage.Add(request);
        var parts = request.Path.TrimStart('/').Split('/');
        switch (parts)
        {
            case [StorageOperation.RuntimeContainer, "inbox", var id, _] when request.Method == "PUT" && request.Status == 201:
                Signals(id).CallbackStored.TrySetResult(request.ObservedAt);
                break;
            case [StorageOperation.RuntimeContainer, "locks", var id] when request.Method == "DELETE" && request.Status == 202:
                Signals(id).Finished.TrySetResult(request.ObservedAt);
                break;
            case ["videos", var blob] when blob.EndsWith(".mp4", StringComparison.Ordinal):
                var jobId = blob[..^4];
                if (request.Method == "HEAD")
                {
                    Signals(jobId).ArchiveStarted.TrySetResult(request.ObservedAt);
                }
                else if (request.Method == "PUT" && request.Query.Contains("comp=blocklist", StringComparison.Ordinal) && request.Status == 201)
                {
                    Signals(jobId).Committed.TrySetResult(request.ObservedAt);
                }

                break;
        }
    }
}
