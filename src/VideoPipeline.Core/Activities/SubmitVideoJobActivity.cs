using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Submits a job to its provider, money-safely: each attempt is sent at most once. The run that claims the attempt in
/// the ledger sends it and records the outcome; any other run of the same attempt (the engine delivers activities at
/// least once, possibly while the first run is still sending) answers what was recorded, waiting for the claimant when
/// it is still sending. An attempt whose claimant vanished mid-send has an unknown outcome and is never sent again
/// unless the operator allows resubmission (as a new attempt).
/// </summary>
public sealed class SubmitVideoJobActivity(
    IVideoProviderResolver providers,
    IProviderRequestBudget budget,
    ModelCatalogue catalogue,
    SubmissionLedger ledger,
    ProviderTaskIndex taskIndex,
    IOptions<ProvidersOptions> providerOptions,
    TimeProvider time,
    ILogger<SubmitVideoJobActivity> logger)
    : IPipelineActivity<SubmitJobInput, ProviderCallResult>
{
    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromMilliseconds(500);

    // Beyond the request timeout, the time a claimant may need to record the answer before it counts as gone.
    private static readonly TimeSpan ClaimRecordingMargin = TimeSpan.FromSeconds(30);

    public async Task<ProviderCallResult> RunAsync(SubmitJobInput input, CancellationToken cancellationToken)
    {
        using var span = JobTrace.StartForJob(
            ActivityNames.Submit, input.TraceParent, input.JobId, input.Request.Provider, input.Request.Model);
        span?.SetTag(TelemetryTags.Attempt, input.Attempt);
        var result = await SubmitOnceAsync(input, cancellationToken);
        if (result.Task is { } task)
        {
            span?.SetTag(TelemetryTags.ProviderTaskId, task.TaskId);
        }
        else if (result.Error is { } error)
        {
            JobTrace.SetError(span, error.Code);
        }

        return result;
    }

    private async Task<ProviderCallResult> SubmitOnceAsync(SubmitJobInput input, CancellationToken cancellationToken)
    {
        var request = input.Request;
        var claimLifetime = providerOptions.Value.For(request.Provider).Timeout + ClaimRecordingMargin;
        while (true)
        {
            switch (await ledger.GetAsync(input.JobId, input.Attempt, cancellationToken))
            {
                case { State: SubmissionState.Accepted, Task: { } recorded }:
                    return ProviderCallResult.Ok(recorded);
                case { State: SubmissionState.Rejected } rejected:
                    return ProviderCallResult.Failed(rejected.Error
                        ?? new ActivityError(ErrorCodes.ProviderError, "The provider refused this attempt."));
                case { State: SubmissionState.Sending } sending:
                    if (time.GetUtcNow() >= (sending.ClaimedAt ?? DateTimeOffset.MinValue) + claimLifetime)
                    {
                        return OutcomeUnknown(input, "An earlier run of this attempt was interrupted after sending the request.");
                    }

                    await Task.Delay(ClaimPollInterval, time, cancellationToken);
                    continue;
            }

            // The request budget is taken before the attempt is claimed: a crash while waiting for budget then leaves
            // no trace, instead of an attempt that looks as if it may have reached the provider.
            var budgetResult = await budget.AcquireAsync(request.Provider, cancellationToken);
            if (!budgetResult.IsAcquired)
            {
                return ProviderCallResult.Failed(new ActivityError(ErrorCodes.RateLimited,
                    "The client-side request budget is exhausted; the request was not sent.", IsTransient: true,
                    budgetResult.RetryAfter));
            }

            if (await ledger.TryClaimAsync(input.JobId, input.Attempt, time.GetUtcNow(), cancellationToken))
            {
                break;
            }
        }

        var submission = new ProviderSubmission(request, catalogue.Get(request.Provider, request.Model), input.CallbackUrl);
        ProviderTask task;
        try
        {
            using (PrepaidProviderRequest.Begin(request.Provider))
            {
                task = await providers.GetClient(request.Provider).SubmitAsync(submission, cancellationToken);
            }
        }
        catch (ProviderException e) when (e.RequestMayHaveBeenProcessed)
        {
            logger.LogWarning("Submission of job {JobId} attempt {Attempt} has an unknown outcome: {Message}",
                input.JobId, input.Attempt, e.Message);
            return OutcomeUnknown(input, e.Message);
        }
        catch (ProviderException e)
        {
            var error = new ActivityError(e.Code, e.Message, e.IsTransient, e.RetryAfter);
            await ledger.SaveAsync(input.JobId, input.Attempt, new SubmissionRecord(SubmissionState.Rejected, Error: error), cancellationToken);
            return ProviderCallResult.Failed(error);
        }

        await ledger.SaveAsync(input.JobId, input.Attempt, new SubmissionRecord(SubmissionState.Accepted, task), cancellationToken);
        await taskIndex.RecordAsync(request.Provider, task.TaskId, input.JobId, cancellationToken);
        PipelineTelemetry.JobAcceptedByProvider(request.Provider, request.Model);
        logger.LogInformation("Job {JobId} submitted to {Provider} as task {TaskId}", input.JobId, request.Provider, task.TaskId);
        return ProviderCallResult.Ok(task);
    }

    private static ProviderCallResult OutcomeUnknown(SubmitJobInput input, string reason)
    {
        // With resubmission allowed the workflow sends a new attempt; otherwise the job fails rather than pay twice.
        var message = $"The provider may have accepted the task, but the answer was lost ({reason}). " +
                      "Not resubmitting, to avoid paying twice; check the provider's dashboard.";
        return ProviderCallResult.Failed(input.ResubmitWhenOutcomeUnknown
            ? new ActivityError(ErrorCodes.SubmissionOutcomeUnknown, reason, IsTransient: true)
            : new ActivityError(ErrorCodes.SubmissionOutcomeUnknown, message));
    }
}
