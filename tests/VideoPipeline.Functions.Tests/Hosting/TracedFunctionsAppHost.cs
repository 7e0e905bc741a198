using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Testing;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// <see cref="FunctionsAppHost"/> with OpenTelemetry exported to memory: the pipeline's source and meter as the app
/// registers them, a server span per HTTP request (the Functions host makes that span on Azure), and HttpClient spans
/// filtered as the local host filters them. Jobs can notify an endpoint of the fixture (a plain listener, so the
/// notification's own request is not a span that could hold its URL).
/// </summary>
public sealed class TracedFunctionsAppHost : FunctionsAppHost
{
    /// <summary>A notify URL whose path is a credential, as chat webhooks' are: it must not appear in any span.</summary>
    public const string NotifyPathSecret = "notify-path-secret-8d1f";

    private readonly HttpListener _notifyReceiver = new();
    private readonly ExportedItems<Activity> _spans = new();
    private readonly ExportedItems<MetricSnapshot> _metrics = new();
    private Task? _receiving;

    public Uri NotifyBaseUrl { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");

    public Uri NotifyUrl => new(NotifyBaseUrl, $"hooks/{NotifyPathSecret}");

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Every metric's latest cumulative values, collected now.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        Services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Snapshot()
            .GroupBy(metric => metric.Name)
            .ToDictionary(group => group.Key, group => group.Last());
    }

    public override async Task InitializeAsync()
    {
        _notifyReceiver.Prefixes.Add(NotifyBaseUrl.AbsoluteUri);
        _notifyReceiver.Start();
        _receiving = Task.Run(AnswerNotificationsAsync);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _notifyReceiver.Close();
        if (_receiving is not null)
        {
            await _receiving;
        }
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Pipeline:DevelopmentAllowedOrigins:1"] = NotifyBaseUrl.GetLeftPart(UriPartial.Authority);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = HttpTelemetryFilter.ShouldTrace)
                .AddInMemoryExporter(_spans))
            .WithMetrics(metrics => metrics
                .AddMeter(PipelineTelemetry.Name)
                .AddInMemoryExporter(_metrics));

    private async Task AnswerNotificationsAsync()
    {
        while (_notifyReceiver.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _notifyReceiver.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
