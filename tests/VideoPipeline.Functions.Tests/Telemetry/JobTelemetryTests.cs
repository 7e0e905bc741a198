using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Tests.Hosting;
using VideoPipeline.Testing;

namespace VideoPipeline.Functions.Tests.Telemetry;

/// <summary>
/// One job through the Functions app's functions, its spans and metrics read back from the SDK's in-memory exporter:
/// one trace from the HTTP request through submit, callback, status checks, archive and notify; bounded metrics; and
/// no secret in any attribute.
/// </summary>
public partial class JobTelemetryTests(TracedFunctionsAppHost app) : IClassFixture<TracedFunctionsAppHost>
{
    private static readonly string[] JobSpans =
    [
        JobTrace.StartSpan, ActivityNames.Submit, JobTrace.CallbackSpan, ActivityNames.CheckStatus, ActivityNames.Archive,
        ActivityNames.RecordOutcome, ActivityNames.Notify,
    ];

    [Fact]
    public async Task StartVideoJob_CallbackJobThrottledOnceWithNotifyUrl_IsOneTraceFromTheRequestToNotify()
    {
        var id = await StartThrottledJobAsync();

        var trace = await JobTraceAsync(id);

        var start = Assert.Single(trace, span => span.DisplayName == JobTrace.StartSpan);
        var request = Assert.Single(trace, span => span.SpanId == start.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        Assert.Equal("/api/videos", request.GetTagItem("http.route"));
        Assert.All(trace.Where(span => span.Source.Name == PipelineTelemetry.Name && span != start),
            span => Assert.True(Descends(span, start, trace), $"{span.DisplayName} is not under {JobTrace.StartSpan}."));
        Assert.Equal(id, start.GetTagItem(TelemetryTags.JobId));
        Assert.Equal("foxapi", start.GetTagItem(TelemetryTags.Provider));
        Assert.Equal("sora-2", start.GetTagItem(TelemetryTags.Model));

        var submits = trace.Where(span => span.DisplayName == ActivityNames.Submit).OrderBy(span => span.StartTimeUtc).ToList();
        Assert.Equal(2, submits.Count);
        Assert.Equal(ActivityStatusCode.Error, submits[0].Status);
        Assert.Equal(ActivityStatusCode.Unset, submits[1].Status);
        var taskId = submits[1].GetTagItem(TelemetryTags.ProviderTaskId);
        Assert.NotNull(taskId);
        Assert.Contains(trace, span => span.DisplayName == ActivityNames.CheckStatus && Equals(span.GetTagItem(TelemetryTags.ProviderTaskId), taskId));
        Assert.Equal(256 * 1024L, Assert.Single(trace, span => span.DisplayName == ActivityNames.Archive).GetTagItem(TelemetryTags.ArchiveBytes));
        Assert.Equal("succeeded", Assert.Single(trace, span => span.DisplayName == ActivityNames.RecordOutcome).GetTagItem(TelemetryTags.JobStatus));
        Assert.Equal(200, Assert.Single(trace, span => span.DisplayName == ActivityNames.Notify).GetTagItem(TelemetryTags.HttpStatusCode));
    }

    [Fact]
    public async Task StartVideoJob_CallbackJobThrottledOnceWithNotifyUrl_RecordsBoundedMetricsOfTheJob()
    {
        var id = await StartThrottledJobAsync();
        await JobTraceAsync(id);

        var metrics = app.CollectMetrics();

        Assert.True(Sum(metrics, "videopipeline.jobs.started", ("videopipeline.job.origin", "api")) >= 1);
        Assert.True(Sum(metrics, "videopipeline.jobs.finished", ("videopipeline.job.status", "succeeded")) >= 1);
        Assert.True(metrics.ContainsKey("videopipeline.jobs.waiting"));
        foreach (var phase in new[] { "submit", "generate", "archive" })
        {
            Assert.True(Count(metrics, "videopipeline.job.phase.duration", ("videopipeline.job.phase", phase)) >= 1, phase);
        }

        Assert.True(Count(metrics, "videopipeline.job.duration", ("videopipeline.job.status", "succeeded")) >= 1);
        Assert.True(Sum(metrics, "videopipeline.provider.requests",
            ("videopipeline.provider.endpoint", "v1/videos/generations"), ("http.response.status_code", 429)) >= 1);
        Assert.True(Sum(metrics, "videopipeline.provider.requests", ("videopipeline.provider.endpoint", "v1/tasks/{id}")) >= 1);
        Assert.True(Sum(metrics, "videopipeline.provider.requests",
            ("videopipeline.provider.endpoint", "result"), ("http.response.status_code", 200)) >= 1);
        Assert.True(Sum(metrics, "videopipeline.provider.throttled", ("videopipeline.provider.endpoint", "v1/videos/generations")) >= 1);
        Assert.True(Count(metrics, "videopipeline.archive.size") >= 1);
        Assert.True(Count(metrics, "videopipeline.archive.throughput") >= 1);
        var tagKeys = metrics.Values
            .Where(metric => metric.MeterName == PipelineTelemetry.Name)
            .SelectMany(metric => metric.MetricPoints)
            .SelectMany(point => Tags(point).Select(tag => tag.Key))
            .ToHashSet();
        Assert.DoesNotContain(TelemetryTags.JobId, tagKeys);
        Assert.DoesNotContain(TelemetryTags.ProviderTaskId, tagKeys);
    }

    [Fact]
    public async Task StartVideoJob_CallbackJobWithNotifyUrl_NoSpanOrMetricAttributeHoldsASecret()
    {
        var id = await StartThrottledJobAsync();
        await JobTraceAsync(id);

        var options = app.Emulator.Options;
        string[] secrets =
        [
            FunctionsAppHost.CallbackSecret, options.FoxApi.ApiKey, options.OpenAi.ApiKey, options.OpenAi.WebhookSecret,
            options.Apixo.ApiKey, TracedFunctionsAppHost.NotifyPathSecret,
        ];
        // Emulators (this fixture's and other test classes') serve in this process too: their server spans are the
        // providers' telemetry, not the pipeline's, so the only server spans checked are this app's.
        var values = app.Spans
            .Where(span => span.Kind != ActivityKind.Server || Equals(span.GetTagItem("server.port"), app.Http.BaseAddress!.Port))
            .SelectMany(span => span.TagObjects.Concat(span.Events.SelectMany(e => e.Tags)))
            .Concat(app.CollectMetrics().Values.SelectMany(metric => metric.MetricPoints).SelectMany(Tags))
            .Select(tag => Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .ToList();

        Assert.NotEmpty(values);
        Assert.Contains(values, value => value.Contains("/api/callbacks/foxapi/", StringComparison.Ordinal));
        Assert.All(values, value =>
        {
            Assert.DoesNotContain(secrets, secret => value.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotMatch(UnredactedCredential(), value);
            // The emulator's result URLs are capabilities in their path, as some providers' signed URLs are.
            Assert.DoesNotContain("/files/", value, StringComparison.Ordinal);
        });
    }

    private async Task<string> StartThrottledJobAsync()
    {
        var request = Requests.For("foxapi", Requests.UniquePrompt("[emu:submit=429]"), "callback");
        request["notifyUrl"] = app.NotifyUrl.AbsoluteUri;
        var id = await app.StartJobAsync(request);
        var job = await app.WaitForEndAsync(id);
        Assert.True(job["status"]!.GetValue<string>() == "succeeded", job.ToJsonString());
        return id;
    }

    /// <summary>The job's spans, once the last of them (notify) has ended; all of them are in the job view's trace.</summary>
    private async Task<List<Activity>> JobTraceAsync(string id)
    {
        var job = await app.GetJobAsync(id);
        var traceId = job["traceId"]?.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        return await Eventually.GetAsync(
            () => Task.FromResult(app.Spans.Where(span => span.TraceId.ToHexString() == traceId).ToList()),
            spans => JobSpans.All(name => spans.Any(span => span.DisplayName == name)),
            $"the spans of job {id} ({string.Join(", ", JobSpans)})");
    }

    /// <summary>
    /// Whether <paramref name="ancestor"/> is above <paramref name="span"/>: activities are its children; a callback is
    /// under the request that brought it, which is in the job's trace when the provider propagated the context (the
    /// emulator does, through the submit request that scheduled the callback).
    /// </summary>
    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;
             parent = trace.FirstOrDefault(candidate => candidate.SpanId == parent)?.ParentSpanId ?? default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static long Sum(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetSumLong());

    private static long Count(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(point => point.GetHistogramCount());

    private static IEnumerable<MetricPoint> Points(
        IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, (string Key, object Value)[] tags)
    {
        Assert.True(metrics.TryGetValue(name, out var metric), $"No metric {name}; exported: {string.Join(", ", metrics.Keys)}");
        return metric.MetricPoints.Where(point => tags.All(tag => Tags(point).Any(t => t.Key == tag.Key && Equals(t.Value, tag.Value))));
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    /// <summary>A credential-bearing query parameter whose value the instrumentation did not redact.</summary>
    [GeneratedRegex(@"[?&](token|sig|code|key|api-key|api_key)=(?!Redacted)", RegexOptions.IgnoreCase)]
    private static partial Regex UnredactedCredential();
}
