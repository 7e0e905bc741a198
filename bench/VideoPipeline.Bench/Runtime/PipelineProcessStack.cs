using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Emulator;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The whole pipeline on loopback, like the end-to-end tests' <c>PipelineStack</c> but with the host's production
/// defaults (polling intervals, durable runtime or engine settings, logging): in-memory Azurite whose access log is
/// watched, the provider emulator in this process, and the local host as a child process configured like
/// <c>./run.sh</c> configures it (callbacks on, since a public base URL is set). Whatever durable runtime the host
/// runs, the stack sees only its HTTP API, the emulator and storage, so every benchmark on it runs on either.
/// </summary>
internal sealed class PipelineProcessStack : IAsyncDisposable
{
    public const string CallbackSecret = "benchmark-callback-secret";

    /// <summary>How often a job's view is read before its video is committed: only to notice a job that failed.</summary>
    private static readonly TimeSpan UncommittedViewInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, JobSignals> _jobs = new(StringComparer.Ordinal);
    private AzuriteInstance? _azurite;
    private EmulatorServer? _emulator;
    private LocalHostProcess? _host;
    private long _viewReads;

    private PipelineProcessStack()
    {
    }

    public StorageCounter Storage { get; } = new();

    public AzuriteInstance Azurite => _azurite!;

    public EmulatorServer Emulator => _emulator!;

    public LocalHostProcess Host => _host!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public HttpClient EmulatorHttp { get; } = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>The host settings the benchmark changed from the production defaults.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; private set; } = new Dictionary<string, string>();

    /// <summary>Job views read by <see cref="WaitForEndAsync"/>: their storage requests are the benchmark's, not the pipeline's.</summary>
    public long ViewReads => Interlocked.Read(ref _viewReads);

    /// <param name="overrides">Host settings to change (e.g. polling intervals).</param>
    /// <param name="configureEmulator">Changes to the emulator's defaults.</param>
    public static async Task<PipelineProcessStack> StartAsync(
        IReadOnlyDictionary<string, string>? overrides = null, Action<EmulatorOptions>? configureEmulator = null)
    {
        var stack = new PipelineProcessStack();
        try
        {
            await stack.InitializeAsync(overrides ?? new Dictionary<string, string>(), configureEmulator);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host settings in a header line: "production defaults" plus what was changed.</summary>
    public string DescribeSettings() =>
        "production defaults" + string.Concat(Overrides.Select(o => $", {o.Key}={o.Value}"));

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

    /// <summary>
    /// Waits until the job's view shows it finished: read every <paramref name="interval"/> once its video is committed
    /// (the end is then near), and only every few seconds before, so waiting costs the host little.
    /// </summary>
    /// <returns>The view, and when the first read showing the end was answered.</returns>
    public async Task<(JsonObject View, DateTime SeenAt)> WaitForEndAsync(
        string id, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var committed = Signals(id).Committed.Task;
        var deadline = DateTime.UtcNow + timeout;
        var readAfterCommit = false;
        while (true)
        {
            if (!committed.IsCompleted)
            {
                await Task.WhenAny(committed, Task.Delay(UncommittedViewInterval, cancellationToken));
            }
            else if (readAfterCommit)
            {
                await Task.Delay(interval, cancellationToken);
            }

            readAfterCommit = committed.IsCompleted;
            var view = await GetJobAsync(id, cancellationToken);
            var seenAt = DateTime.UtcNow;
            Interlocked.Increment(ref _viewReads);
            if (view["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return (view, seenAt);
            }

            if (seenAt > deadline)
            {
                throw new TimeoutException($"Job {id} did not end within {timeout}; last view {view}\nHost log (tail):\n{Tail(Host.Output)}");
            }
        }
    }

    public async Task<JsonObject> EmulatorStatsAsync(CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>("emulator/stats", cancellationToken))!;

    /// <summary>The emulator's timeline of one provider task: created, completes, status checks, delivered callbacks.</summary>
    public async Task<JsonObject> EmulatorTimelineAsync(string taskId, CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>($"emulator/tasks/{Uri.EscapeDataString(taskId)}", cancellationToken))!;

    /// <summary>Every task's timeline.</summary>
    public async Task<JsonArray> EmulatorTimelinesAsync(CancellationToken cancellationToken) =>
        (await EmulatorHttp.GetFromJsonAsync<JsonObject>("emulator/tasks", cancellationToken))!["tasks"]!.AsArray();

    /// <summary>Host and Azurite as <c>/proc</c> sees them now.</summary>
    public (ProcessUsage Host, ProcessUsage Azurite) Usage() =>
        (ProcessUsage.Read(Host.ProcessId), ProcessUsage.Read(Azurite.ProcessId));

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

    private static string Tail(string log) => log.Length > 20_000 ? log[^20_000..] : log;

    private async Task InitializeAsync(IReadOnlyDictionary<string, string> overrides, Action<EmulatorOptions>? configureEmulator)
    {
        _azurite = await AzuriteInstance.StartAsync(onOutputLine: line =>
        {
            if (AzuriteRequest.Parse(line, DateTime.UtcNow) is { } request)
            {
                OnStorageRequest(request);
            }
        });
        var hostPort = FreePort.Next();
        var hostUrl = $"http://127.0.0.1:{hostPort}";
        _emulator = await EmulatorServer.StartAsync(o =>
        {
            o.OpenAi.WebhookUrl = new Uri($"{hostUrl}/api/webhooks/openai");
            configureEmulator?.Invoke(o);
        });
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

        Overrides = overrides;
        _host = await LocalHostProcess.StartAsync(hostPort, settings);
        Http.BaseAddress = _host.BaseUrl;
    }

    private void OnStorageRequest(AzuriteRequest request)
    {
        Storage.Add(request);
        if (request.Path.TrimStart('/').Split('/') is ["videos", var blob] && blob.EndsWith(".mp4", StringComparison.Ordinal))
        {
            var jobId = blob[..^4];
            if (request.Method == "HEAD")
            {
                Signals(jobId).ArchiveStarted.TrySetResult(request.ObservedAt);
            }
            else if (request.Method == "PUT" && request.Query.Contains("comp=blocklist", StringComparison.Ordinal) && request.Status == 201)
            {
                Signals(jobId).Committed.TrySetResult(request.ObservedAt);
            }
        }
    }
}
