namespace VideoPipeline.Core.Batches;

/// <summary>The result of handling one batch message delivery.</summary>
/// <param name="BatchId">The batch, when it was taken in.</param>
/// <param name="Reason">Why it was not taken in (retry or poison).</param>
public sealed record BatchMessageOutcome(BatchMessageDisposition Disposition, string? BatchId = null, string? Reason = null);
