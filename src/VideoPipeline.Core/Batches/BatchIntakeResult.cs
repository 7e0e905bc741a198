namespace VideoPipeline.Core.Batches;

/// <summary>The batch as stored, with its jobs started; or why the message is not a batch.</summary>
public sealed record BatchIntakeResult(BatchRecord? Batch, BatchRejection? Rejection)
{
    public static BatchIntakeResult Accepted(BatchRecord batch) => new(batch, null);

    public static BatchIntakeResult Rejected(BatchRejection rejection) => new(null, rejection);
}
