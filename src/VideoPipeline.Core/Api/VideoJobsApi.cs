using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Api;

/// <summary>
/// The HTTP operations on jobs (the contract is openapi.json), written once against the engine's
/// <see cref="DurableTaskClient"/> and mapped by both hosts. A rejected request starts nothing.
/// </summary>
public sealed class VideoJobsApi(
    JobRequestValidator validator,
    JobPlanner planner,
    DurableTaskClient orchestrations,
    BatchStore batches,
    TimeProvider time,
    CallbackTokens callbackTokens,
    IVideoProviderResolver providers,
    IBlobReadUrlIssuer readUrls,
    StandardWebhookVerifier webhookVerifier,
    ProviderTaskIndex taskIndex,
    IOptions<ProvidersOptions> providerOptions,
    IOptions<PipelineOptions> pipelineOptions,
    TaskWatchSweeper watch)
{
    /// <summary>Job requests are small (a prompt is at most 5 000 characters); anything larger is refused unread.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public const int MaxIdempotencyKeyLength = 200;

    public const int DefaultListLimit = 20;

    public const int MaxListLimit = 200;

    public async Task<ApiResponse> StartJobAsync(Stream body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null
            && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < ' ' or > '~')))
        {
            return ApiResponse.Problem(400, "Invalid Idempotency-Key header.",
                $"Use 1-{MaxIdempotencyKeyLength} printable ASCII characters.");
        }

        var (json, problem) = await ReadJsonAsync(body, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var validation = await validator.ValidateAsync(json, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiResponse.Problem(400, "The job request is invalid.", "See errors for every failing field.",
                validation.Errors);
        }

        var jobId = idempotencyKey is null ? NewJobId() : JobIdFor(idempotencyKey);
        var request = validation.Request!;
        var status = JobStatus.Queued;
        var existing = await orchestrations.GetJobInstanceAsync(jobId, cancellationToken);
        if (existing is null)
        {
            var input = new VideoJobInput(jobId, request, planner.Create(jobId, request, validation.Model!));
            await orchestrations.StartJobAsync(input, cancellationToken);
        }
        else if (!IsSameRequest(existing, request))
        {
            return ApiResponse.Problem(422, "The Idempotency-Key was already used for a different request.",
                $"Job '{jobId}' was started with this key and other parameters; use a new key for a new job.");
        }
        else
        {
            status = JobViewFactory.Create(existing).Status;
        }

        var statusUri = $"/api/videos/{jobId}";
        var headers = new Dictionary<string, string> { ["Location"] = statusUri };
        AddRetryAfter(headers, status);
        return ApiResponse.Json(202, new JobAccepted(jobId, status, statusUri, $"{statusUri}/cancel"), headers);
    }

    public async Task<ApiResponse> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        var headers = new Dictionary<string, string>();
        AddRetryAfter(headers, view.Status);
        return ApiResponse.Json(200, view, headers);
    }

    public async Task<ApiResponse> ListJobsAsync(string? status, string? limit, string? batchId, CancellationToken cancellationToken)
    {
        JobStatus? wanted = null;
        var errors = new FieldErrors();
        if (status is not null)
        {
            wanted = Enum.GetValues<JobStatus>().Cast<JobStatus?>().FirstOrDefault(s => PipelineJson.EnumName(s!.Value) == status);
            if (wanted is null)
            {
                errors.Add("status", $"Must be one of {string.Join(", ", Enum.GetValues<JobStatus>().Select(PipelineJson.EnumName))}.");
            }
        }

        var count = DefaultListLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count < 1 || count > MaxListLimit))
        {
            errors.Add("limit", $"Must be a whole number from 1 to {MaxListLimit}.");
        }

        if (!errors.IsEmpty)
        {
            return ApiResponse.Problem(400, "Invalid query.", errors: errors.ToDictionary());
        }

        bool Matches(JobView view) => wanted is null || view.Status == wanted;
        var items = batchId is null
            ? await NewestJobsAsync(wanted, Matches, count, cancellationToken)
            : await BatchJobsAsync(batchId, Matches, count, cancellationToken);
        return ApiResponse.Json(200, new JobList(items));
    }

    /// <summary>
    /// The engine's instance query is not ordered (the Azure Storage provider pages in partition order), so the newest
    /// jobs are read from a window of recent creation times, widened until it holds enough of them: one window when
    /// jobs are being created, the whole task hub only for a quiet one.
    /// </summary>
    private async Task<List<JobView>> NewestJobsAsync(
        JobStatus? wanted, Func<JobView, bool> matches, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        TimeSpan?[] windows = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(30), null];
        var views = new List<JobView>();
        foreach (var window in windows)
        {
            views.Clear();
            var query = new OrchestrationQuery
            {
                CreatedFrom = now - window,
                Statuses = wanted is null ? null : RuntimeStatusesOf(wanted.Value),
                FetchInputsAndOutputs = true,
                PageSize = MaxListLimit,
            };
            await foreach (var instance in orchestrations.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                if (instance.Name == ActivityNames.Orchestrator && instance.SerializedInput is not null
                    && JobViewFactory.Create(instance, watch) is var view && matches(view))
                {
                    views.Add(view);
                }
            }

            if (views.Count >= count)
            {
                break;
            }
        }

        return Newest(views, count);
    }

    private async Task<List<JobView>> BatchJobsAsync(
        string batchId, Func<JobView, bool> matches, int count, CancellationToken cancellationToken)
    {
        var batch = BatchIds.IsValid(batchId) ? await batches.GetAsync(batchId, cancellationToken) : null;
        if (batch is null)
        {
            return [];
        }

        var views = await orchestrations.GetJobViewsAsync(batch.Items.Select(i => i.JobId).OfType<string>(), watch, cancellationToken);
        return Newest(views.Values.Where(matches), count);
    }

    private static List<JobView> Newest(IEnumerable<JobView> views, int count) =>
        views.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id, StringComparer.Ordinal).Take(count).ToList();

    /// <summary>The engine statuses a job with the given status can have: narrows the query before the views are read.</summary>
    private static OrchestrationRuntimeStatus[] RuntimeStatusesOf(JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled
            ? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]
            : [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task<ApiResponse> CancelJobAsync(string id, CancellationToken cancellationToken)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        if (view.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
        {
            return ApiResponse.Problem(409, "The job has already finished.", $"Job '{id}' is {PipelineJson.EnumName(view.Status)}.");
        }

        if (view.Status == JobStatus.Archiving)
        {
            return ApiResponse.Problem(409, "The job is being archived.",
                "The video is already generated and is being stored; it can no longer be cancelled.");
        }

        await orchestrations.RaiseEventAsync(id, EventNames.Cancel, new CancelRequest("Cancelled by the caller."), cancellationToken);
        return ApiResponse.Json(202, view);
    }

    /// <summary>Redirects to a short-lived read-only URL of the archived video.</summary>
    public async Task<ApiResponse> GetContentAsync(string id, CancellationToken cancellationToken)
    {
        var view = await FindAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        if (view.Status != JobStatus.Succeeded || view.Output is null)
        {
            return ApiResponse.Problem(409, "The video is not archived.",
                $"Job '{id}' is {PipelineJson.EnumName(view.Status)}; content is available once it has succeeded.");
        }

        return ApiResponse.Redirect(await readUrls.IssueReadUrlAsync(view.Output.Container, view.Output.BlobName, cancellationToken));
    }

    /// <summary>A provider's per-task callback. The token proves we issued the URL for this job.</summary>
    public async Task<ApiResponse> ProviderCallbackAsync(
        string provider, string id, string? token, Stream body, CancellationToken cancellationToken)
    {
        if (!callbackTokens.Verify(id, token))
        {
            return ApiResponse.Problem(401, "Invalid callback token.");
        }

        var instance = await orchestrations.GetJobInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return NotFound(id);
        }

        var view = JobViewFactory.Create(instance);
        using var span = StartCallbackSpan(JobTrace.CallbackSpan, instance, view);
        if (PipelineJson.EnumName(view.Provider.Name) != provider)
        {
            return ApiResponse.Problem(404, "Unknown callback route.", $"Job '{id}' does not use provider '{provider}'.");
        }

        var bytes = await ReadBytesAsync(body, cancellationToken);
        if (bytes is null)
        {
            return ApiResponse.Problem(413, "The callback body is too large.");
        }

        CallbackHint hint;
        try
        {
            var task = providers.GetClient(view.Provider.Name).ParseCallback(bytes);
            hint = new CallbackHint(task.TaskId, task.RawStatus);
        }
        catch (Exception e) when (e is ProviderException or JsonException)
        {
            JobTrace.SetError(span, ErrorCodes.ProviderProtocolError);
            return ApiResponse.Problem(400, "The callback body could not be read.", e.Message);
        }

        span?.SetTag(TelemetryTags.ProviderStatus, hint.Status);
        if (view.Status is not (JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled))
        {
            await orchestrations.RaiseEventAsync(id, EventNames.ProviderCallback, hint, cancellationToken);
        }

        return ApiResponse.Json(200, new { received = true });
    }

    /// <summary>
    /// OpenAI's project webhook, verified with Standard Webhooks. It names only the video, so the job is found through
    /// the provider task index; webhooks for videos that are not ours are acknowledged and ignored.
    /// </summary>
    public async Task<ApiResponse> OpenAiWebhookAsync(
        string? webhookId, string? timestamp, string? signature, Stream body, CancellationToken cancellationToken)
    {
        var secret = providerOptions.Value.OpenAi.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return ApiResponse.Problem(404, "OpenAI webhooks are not configured.",
                "Set Providers:OpenAi:WebhookSecret to the project's webhook signing secret.");
        }

        if (webhookId is null || timestamp is null || signature is null)
        {
            return ApiResponse.Problem(400, "Missing Standard Webhooks headers.",
                "webhook-id, webhook-timestamp and webhook-signature are required.");
        }

        var bytes = await ReadBytesAsync(body, cancellationToken);
        if (bytes is null)
        {
            return ApiResponse.Problem(413, "The webhook body is too large.");
        }

        var verification = webhookVerifier.Verify(secret, webhookId, timestamp, signature, bytes);
        if (!verification.IsValid)
        {
            return ApiResponse.Problem(401, "Invalid webhook signature.", verification.FailureReason);
        }

        ProviderTask task;
        try
        {
            task = providers.GetClient(ProviderName.OpenAi).ParseCallback(bytes);
        }
        catch (Exception e) when (e is ProviderException or JsonException)
        {
            return ApiResponse.Problem(400, "The webhook body could not be read.", e.Message);
        }

        var jobId = await taskIndex.FindJobAsync(ProviderName.OpenAi, task.TaskId, cancellationToken);
        var instance = jobId is null ? null : await orchestrations.GetJobInstanceAsync(jobId, cancellationToken);
        var view = instance is null ? null : JobViewFactory.Create(instance);
        var active = view is not null && view.Status is not (JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled);
        if (active)
        {
            using var span = StartCallbackSpan(JobTrace.WebhookSpan, instance!, view!);
            span?.SetTag(TelemetryTags.ProviderStatus, task.RawStatus);
            await orchestrations.RaiseEventAsync(view!.Id, EventNames.ProviderCallback,
                new CallbackHint(task.TaskId, task.RawStatus), cancellationToken);
        }

        return ApiResponse.Json(200, new { received = true, jobId = active ? view!.Id : null });
    }

    public static ApiResponse Health() => ApiResponse.Json(200, new { status = "healthy" });

    /// <summary>A callback's span, in the job's trace (the request itself is in the provider's, and linked).</summary>
    private static System.Diagnostics.Activity? StartCallbackSpan(string name, OrchestrationMetadata instance, JobView view) =>
        JobTrace.StartForJob(name, JobViewFactory.InputOf(instance).TraceParent, view.Id, view.Provider.Name, view.Provider.Model);

    internal async Task<JobView?> FindAsync(string id, CancellationToken cancellationToken) =>
        await orchestrations.GetJobInstanceAsync(id, cancellationToken) is { } instance ? JobViewFactory.Create(instance, watch) : null;

    /// <summary>
    /// Tells pollers of an unfinished job when to ask again: the workflow checks the provider no more often than
    /// <see cref="PipelineOptions.MinPollInterval"/>, so the view rarely changes sooner (whole seconds, at least one).
    /// </summary>
    private void AddRetryAfter(Dictionary<string, string> headers, JobStatus status)
    {
        if (status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
        {
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(pipelineOptions.Value.MinPollInterval.TotalSeconds));
        headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static ApiResponse NotFound(string id) =>
        ApiResponse.Problem(404, "Job not found.", $"There is no job with id '{id}'.");

    private static bool IsSameRequest(OrchestrationMetadata existing, JobRequest request)
    {
        var input = existing.SerializedInput is null
            ? null
            : JsonSerializer.Deserialize<VideoJobInput>(existing.SerializedInput, PipelineJson.Options);
        return input is not null
               && JsonSerializer.Serialize(input.Request, PipelineJson.Options) == JsonSerializer.Serialize(request, PipelineJson.Options);
    }

    /// <summary>Job ids derived from the caller's idempotency key, so a retried POST finds the same job.</summary>
    public static string JobIdFor(string idempotencyKey) =>
        "job-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    private static string NewJobId() => "job-" + Guid.CreateVersion7().ToString("N");

    private static async Task<(JsonElement Json, ApiResponse? Problem)> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(body, cancellationToken);
        if (bytes is null)
        {
            return (default, ApiResponse.Problem(413, "The request body is too large.",
                $"Job requests are limited to {MaxRequestBytes} bytes."));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, ApiResponse.Problem(400, "The request body is not valid JSON.", e.Message));
        }
    }

    /// <summary>Reads at most <see cref="MaxRequestBytes"/>; null when the body is larger.</summary>
    private static Task<byte[]?> ReadBytesAsync(Stream body, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(body, MaxRequestBytes, cancellationToken);
}
