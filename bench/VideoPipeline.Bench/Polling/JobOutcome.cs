using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Bench.Polling;

/// <summary>What one simulated job cost.</summary>
/// <param name="DetectionDelaySeconds">From the task's completion to the first status call that saw it.</param>
/// <param name="StatusCalls">Status calls made for the job, the detecting one included.</param>
internal readonly record struct JobOutcome(double DetectionDelaySeconds, int StatusCalls);
