namespace VideoPipeline.Core.Batches;

/// <summary>
/// What goes to the poison queue: the original message and why it was not taken in. A body too large to fit beside
/// the reason is kept in a blob instead (<see cref="BodyBlob"/>, <c>container/name</c>).
/// </summary>
public sealed record PoisonMessage
{
    public required string Reason { get; init; }

    public required string MessageId { get; init; }

    public required long DequeueCount { get; init; }

    public required string Queue { get; init; }

    public required DateTimeOffset PoisonedAt { get; init; }

    public string? Body { get; init; }

    public string? BodyBlob { get; init; }
}
