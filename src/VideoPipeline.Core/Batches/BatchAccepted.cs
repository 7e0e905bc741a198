namespace VideoPipeline.Core.Batches;

/// <summary>The body of <c>202 Accepted</c> for a batch: the same items a queue message with this body gives.</summary>
public sealed record BatchAccepted(
    string Id,
    string StatusUri,
    int Items,
    int Accepted,
    int Invalid,
    IReadOnlyList<BatchJobAccepted> Jobs);
