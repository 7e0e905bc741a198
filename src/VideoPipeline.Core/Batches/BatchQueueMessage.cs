namespace VideoPipeline.Core.Batches;

/// <summary>
/// One delivery of a queue message, as a Functions queue trigger binds it (<c>string</c> or <c>BinaryData</c> body,
/// <c>id</c>, <c>dequeueCount</c>) and as the local host's listener receives it.
/// </summary>
/// <param name="Body">The decoded message body (the queue carries it Base64-encoded).</param>
/// <param name="DequeueCount">1 on the first delivery; counts every delivery of this message.</param>
public sealed record BatchQueueMessage(BinaryData Body, string MessageId, long DequeueCount);
