using System.Diagnostics;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Telemetry;

/// <summary>
/// One trace per job, across processes and time. The engine carries no trace context from the client to the
/// activities (neither ours nor, reliably, Durable Functions'), so the job carries it: the W3C <c>traceparent</c> of
/// its start span is stored in the job's input and handed to every activity, whose spans are parented on it. Callback
/// and webhook requests arrive in the provider's trace; their spans join the job's trace and link to the request.
/// </summary>
public static class JobTrace
{
    /// <summary>The span that starts a job (the API's request or a batch item), the parent of all the job's spans.</summary>
    public const string StartSpan = "StartVideoJob";

    /// <summary>A provider's per-task callback, in the job's trace.</summary>
    public const string CallbackSpan = "ProviderCallback";

    /// <summary>An OpenAI project webhook for one of our videos, in the job's trace.</summary>
    public const string WebhookSpan = "OpenAiWebhook";

    /// <summary>
    /// Starts a span of the job whose start span is <paramref name="traceParent"/>: under the current span when that
    /// is already in the job's trace, otherwise as a child of the job's start span with a link to the current span (the
    /// engine's or the request's). Without a usable <paramref name="traceParent"/> (a job started before tracing was
    /// added) the span simply joins the current trace.
    /// </summary>
    public static Activity? Start(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        var current = Activity.Current;
        if (!TryParse(traceParent, out var parent) || current?.TraceId == parent.TraceId)
        {
            return PipelineTelemetry.Source.StartActivity(name, kind);
        }

        return PipelineTelemetry.Source.StartActivity(
            name, kind, parent, links: current is null ? null : [new ActivityLink(current.Context)]);
    }

    /// <summary>A span of the job, tagged with its id, provider and model.</summary>
    public static Activity? StartForJob(string name, string? traceParent, string jobId, ProviderName provider, string model)
    {
        var span = Start(name, traceParent);
        span?.SetTag(TelemetryTags.JobId, jobId);
        span?.SetTag(TelemetryTags.Provider, PipelineJson.EnumName(provider));
        span?.SetTag(TelemetryTags.Model, model);
        return span;
    }

    /// <summary>A span of the job that waits for <paramref name="task"/>, tagged with the task.</summary>
    public static Activity? StartForTask(string name, ProviderTaskRef task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var span = Start(name, task.TraceParent);
        span?.SetTag(TelemetryTags.Provider, PipelineJson.EnumName(task.Provider));
        span?.SetTag(TelemetryTags.Model, task.Model);
        span?.SetTag(TelemetryTags.ProviderTaskId, task.TaskId);
        return span;
    }

    /// <summary>
    /// Starts the span that begins a new trace of its own, linked to the current span: each job of a batch gets its own
    /// trace rather than all of them sharing the batch request's. It clears <see cref="Activity.Current"/> to do so, so
    /// call it from an async method, whose caller's current span comes back when it returns.
    /// </summary>
    internal static Activity? StartRoot(string name)
    {
        var current = Activity.Current;
        Activity.Current = null;
        return PipelineTelemetry.Source.StartActivity(
            name, ActivityKind.Internal, default(ActivityContext), links: current is null ? null : [new ActivityLink(current.Context)]);
    }

    /// <summary>Marks a span as failed with one of the pipeline's error codes (<c>error.type</c>, as OpenTelemetry names it).</summary>
    public static void SetError(Activity? span, string code)
    {
        span?.SetTag(TelemetryTags.ErrorType, code);
        span?.SetStatus(ActivityStatusCode.Error, code);
    }

    /// <summary>The W3C <c>traceparent</c> of a span, null when it has none in that format.</summary>
    public static string? TraceParentOf(Activity? span) => span is { IdFormat: ActivityIdFormat.W3C } ? span.Id : null;

    /// <summary>The 32-digit trace id of a W3C <c>traceparent</c>; null when there is none.</summary>
    public static string? TraceIdOf(string? traceParent) => TryParse(traceParent, out var context) ? context.TraceId.ToHexString() : null;

    private static bool TryParse(string? traceParent, out ActivityContext context)
    {
        context = default;
        return traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out context);
    }
}
