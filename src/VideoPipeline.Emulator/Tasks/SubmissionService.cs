using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Faults;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Media;
using VideoPipeline.Emulator.Stats;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>
/// The part of every provider's submit endpoint that is the same everywhere: directives, first-attempt faults,
/// the concurrency limit, creating the task and planning its callbacks.
/// </summary>
internal sealed partial class SubmissionService(
    TaskStore store,
    EmulatorStats stats,
    FirstAttemptRegistry firstAttempts,
    CallbackScheduler callbacks,
    MediaAssets media,
    TimeProvider time,
    IOptions<EmulatorOptions> options,
    ILogger<SubmissionService> logger)
{
    private static readonly TimeSpan InjectedRetryAfter = TimeSpan.FromSeconds(1);

    public async Task<IResult> SubmitAsync(
        HttpContext context, TaskDraft draft, IProviderErrors errors, Func<EmulatedTask, IResult> accepted)
    {
        var settings = options.Value;
        var provider = draft.Provider;
        stats.Record(StatKind.Submissions, provider, prompt: draft.Prompt);
        if (!DirectiveParser.TryParse(draft.Prompt, out var directives, out var directiveError))
        {
            return errors.BadRequest(directiveError, "prompt");
        }

        var fault = directives.SubmitFault != SubmitFault.None && firstAttempts.TryClaimFirst(provider, draft.Prompt)
            ? directives.SubmitFault
            : SubmitFault.None;
        switch (fault)
        {
            case SubmitFault.TooManyRequests:
                stats.Record(StatKind.RateLimited, provider, prompt: draft.Prompt);
                RetryAfter.Set(context.Response, InjectedRetryAfter);
                return errors.TooManyRequests("Rate limit reached for requests. Please retry after a short wait.");
            case SubmitFault.ServerError:
                return errors.ServerError();
        }

        var now = time.GetUtcNow();
        var providerSettings = provider.SettingsIn(settings);
        var task = new EmulatedTask
        {
            Id = NewId(provider, now),
            Provider = provider,
            Model = draft.Model,
            Prompt = draft.Prompt,
            Directives = directives,
            CreatedAt = now,
            GenerationTime = TimeSpan.FromSeconds(directives.Seconds ?? settings.DefaultGenerationSeconds),
            ResultBytes = PaddedMp4Stream.NormalizeLength(directives.Bytes ?? settings.DefaultResultBytes, media.Clip.Length),
            FileToken = TaskIds.FileToken(),
            PublicBaseUrl = UrlRules.PublicBase(context.Request, settings.PublicBaseUrl),
            ResultUrlLifetime = providerSettings.ResultUrlLifetime,
            Sequence = store.NextSequence(),
            CallbackUrl = draft.CallbackUrl,
            Size = draft.Size,
            Seconds = draft.Seconds,
            RemixedFromId = draft.RemixedFromId,
        };

        var limit = providerSettings.RateLimit;
        var admission = store.TryAdmit(task, limit.MaxConcurrentTasks, now);
        if (!admission.IsAdmitted)
        {
            stats.Record(StatKind.RateLimited, provider, prompt: draft.Prompt);
            RetryAfter.Set(context.Response, admission.RetryAfter);
            return errors.TooManyRequests($"Concurrent task limit of {limit.MaxConcurrentTasks} reached.");
        }

        stats.Record(StatKind.TasksCreated, provider, task);
        stats.ObserveRunning(provider, admission.ProviderRunning, admission.TotalRunning);
        callbacks.Schedule(task);
        LogCreated(provider.WireName(), task.Id, task.Model, task.GenerationTime.TotalSeconds, task.ResultBytes);

        if (fault == SubmitFault.Timeout)
        {
            await HoldThenDropAsync(context, settings.SubmitTimeoutDelay);
            return Results.Empty;
        }

        return accepted(task);
    }

    /// <summary>Counts a submission refused before it reached <see cref="SubmitAsync"/> (validation, unknown source).</summary>
    public IResult Reject(ProviderKind provider, IResult answer)
    {
        stats.Record(StatKind.Submissions, provider);
        return answer;
    }

    private static string NewId(ProviderKind provider, DateTimeOffset now) => provider switch
    {
        ProviderKind.FoxApi => TaskIds.FoxApiTask(now),
        ProviderKind.OpenAi => TaskIds.OpenAiVideo(),
        ProviderKind.Apixo => TaskIds.ApixoTask(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The task exists but the client never hears so: the ambiguous outcome of a timed-out submission.</summary>
    private async Task HoldThenDropAsync(HttpContext context, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first; dropping the connection below is all that is left to do.
        }

        context.Abort();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Provider} task {TaskId} created: model {Model}, {Seconds} s, {Bytes} bytes")]
    private partial void LogCreated(string provider, string taskId, string model, double seconds, long bytes);
}
