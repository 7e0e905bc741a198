using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>An expected failure an activity reports in its result (activities do not throw for these).</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What went wrong, for the job view.</param>
/// <param name="IsTransient">Trying again later may succeed.</param>
/// <param name="RetryAfter">How long the provider asked us to wait, when it said.</param>
public sealed record ActivityError(string Code, string Message, bool IsTransient = false, TimeSpan? RetryAfter = null)
{
    public JobError ToJobError() => new(Code, Message);
}
