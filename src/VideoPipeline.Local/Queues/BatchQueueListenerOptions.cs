namespace VideoPipeline.Local.Queues;

/// <summary>
/// How the local host polls the batch queue, bound from <c>Batches:Listener</c>. The names follow the Functions queue
/// trigger's <c>host.json</c> settings where there is one (<c>batchSize</c>, <c>visibilityTimeout</c>,
/// <c>maxPollingInterval</c>); the dequeue limit and queue name are shared with the Functions host (<c>Batches</c>).
/// </summary>
public sealed class BatchQueueListenerOptions
{
    public const string SectionName = "Batches:Listener";

    /// <summary>Messages received, and taken in in parallel, per poll (the queue service gives at most 32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a message that could not be taken in stays invisible before its next delivery (Functions' default: 0).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a received message stays invisible while it is taken in. If the host dies meanwhile, it is delivered
    /// again after this (with a higher dequeue count), and the intake picks up where it stopped.
    /// </summary>
    public TimeSpan ProcessingVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The first wait after finding the queue empty; it doubles up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two polls of an empty queue (Functions' default is one minute).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(5);
}
