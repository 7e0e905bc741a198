using System.Collections.Concurrent;
using VideoPipeline.Core.Batches;

namespace VideoPipeline.Local.Tests.Queues;

/// <summary>Records every delivery the listener hands over and answers as the test decides.</summary>
internal sealed class RecordingBatchHandler : IBatchMessageHandler
{
    public Func<BatchQueueMessage, BatchMessageOutcome> Decide { get; set; } =
        message => new BatchMessageOutcome(BatchMessageDisposition.Accepted, "batch");

    public ConcurrentQueue<BatchQueueMessage> Handled { get; } = new();

    public ConcurrentQueue<(BatchQueueMessage Message, string Reason)> Poisoned { get; } = new();

    public Task<BatchMessageOutcome> HandleAsync(BatchQueueMessage message, CancellationToken cancellationToken)
    {
        Handled.Enqueue(message);
        return Task.FromResult(Decide(message));
    }

    public Task PoisonAsync(BatchQueueMessage message, string reason, CancellationToken cancellationToken)
    {
        Poisoned.Enqueue((message, reason));
        return Task.CompletedTask;
    }
}
