namespace VideoPipeline.Core.Batches;

/// <summary>
/// The <c>Batches</c> configuration section: where batch messages arrive and how many items a batch may have. Both
/// hosts read it; the Functions host's queue settings (<c>host.json</c>) must agree on the dequeue limit.
/// </summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batches";

    /// <summary>The queue batch messages arrive on; undeliverable ones go to <see cref="PoisonQueueName"/>.</summary>
    public string QueueName { get; set; } = "video-batches";

    /// <summary>
    /// Deliveries of one message before it goes to the poison queue, as the Functions queue trigger's
    /// <c>maxDequeueCount</c> (default 5 there too).
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Most items one batch may have, inline or in its items blob.</summary>
    public int MaxItems { get; set; } = 1000;

    /// <summary>The Functions convention: the poison queue is the queue's name with <c>-poison</c>.</summary>
    public string PoisonQueueName => QueueName + "-poison";
}
