namespace VideoPipeline.Functions.Queues;

/// <summary>What one batch queue message started: the job ids (new or already existing) and how many items were invalid.</summary>
public sealed record BatchStartSummary(string MessageId, IReadOnlyList<string> JobIds, int Rejected);
