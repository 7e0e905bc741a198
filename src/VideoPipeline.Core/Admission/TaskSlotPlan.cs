namespace VideoPipeline.Core.Admission;

/// <summary>
/// The admission part of a job's plan, fixed when the job starts: the provider's concurrent-task limit and how long
/// the job may wait for a slot. Absent when the provider has no limit, and then the workflow has no admission step.
/// </summary>
public sealed record TaskSlotPlan(int Capacity, TimeSpan MaxWait);
