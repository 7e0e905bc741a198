namespace VideoPipeline.Core.Batches;

/// <summary>What the host does with a batch message after <see cref="IBatchMessageHandler.HandleAsync"/>.</summary>
public enum BatchMessageDisposition
{
    /// <summary>The batch was taken in: delete the message (a Functions trigger returns normally).</summary>
    Accepted,

    /// <summary>Not taken in yet: let the message become visible again (a Functions trigger throws).</summary>
    Retry,

    /// <summary>Moved to the poison queue with the reason: delete the message (a Functions trigger returns normally).</summary>
    Poisoned,
}
