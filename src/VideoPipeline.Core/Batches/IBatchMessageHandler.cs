namespace VideoPipeline.Core.Batches;

/// <summary>
/// Takes batch messages from a queue, with the Azure Functions queue trigger's semantics: a message that cannot be
/// taken in is retried until its dequeue count reaches <see cref="BatchOptions.MaxDequeueCount"/>, then moved to the
/// poison queue with the reason. Implemented by <see cref="BatchIntake"/>; hosts only move messages.
/// </summary>
public interface IBatchMessageHandler
{
    /// <summary>Takes the batch in, or says to retry, or (at the dequeue limit) moves the message to the poison queue.</summary>
    Task<BatchMessageOutcome> HandleAsync(BatchQueueMessage message, CancellationToken cancellationToken);

    /// <summary>Moves a message to the poison queue at once, e.g. one whose body is not Base64 (retrying cannot help).</summary>
    Task PoisonAsync(BatchQueueMessage message, string reason, CancellationToken cancellationToken);
}
