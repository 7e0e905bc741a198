using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Submits a job to its provider, money-safely (DESIGN.md §3): the attempt is recorded before sending; a re-run
/// returns the recorded task; an attempt whose outcome is unknown is never sent again unless the operator allows it.
/// </summary>
public sealed class SubmitVideoJobActivity(
    IVideoProviderResolver providers,
    IProviderRequestBudget budget,
    ModelCatalogue catalogue,
    SubmissionLedger ledger,
    ProviderTaskIndex taskIndex,
    ILogger<SubmitVideoJobActivity> logger)
{
    public async Task<ProviderCallResult> RunAsync(SubmitJobInput input, CancellationToken cancellationToken)
    {
        var previous = await ledger.GetAsync(input.JobId, input.Attempt, cancellationToken);
        if (previous is { State: SubmissionState.Accepted, Task: { } recorded })
        {
            return ProviderCallResult.Ok(recorded);
        }

        if (previous is { State: SubmissionState.Sending })
        {
            return OutcomeUnknown(input, "An earlier run of this attempt was interrupted after sending the request.");
        }

        // The request budget is taken before "sending" is recorded: a crash while waiting for budget then leaves no
        // trace, instead of an attempt that looks as if it may have reached the provider.
        var request = input.Request;
        var budgetResult = await budget.AcquireAsync(request.Provider, cancellationToken);
        if (!budgetResult.IsAcquired)
        {
            return ProviderCallResult.Failed(new ActivityError(ErrorCodes.RateLimited,
                "The client-side request budget is exhausted; the request was not sent.", IsTransient: true,
                budgetResult.RetryAfter));
        }

        await ledger.SaveAsync(input.JobId, input.Attempt, new SubmissionRecord(SubmissionState.Sending), cancellationToken);
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
            await ledger.SaveAsync(input.JobId, input.Attempt, new SubmissionRecord(SubmissionState.Rejected), cancellationToken);
            return ProviderCallResult.Failed(new ActivityError(e.Code, e.Message, e.IsTransient, e.RetryAfter));
        }

        await ledger.SaveAsync(input.JobId, input.Attempt, new SubmissionRecord(SubmissionState.Accepted, task), cancellationToken);
        await taskIndex.RecordAsync(request.Provider, task.TaskId, input.JobId, cancellationToken);
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
