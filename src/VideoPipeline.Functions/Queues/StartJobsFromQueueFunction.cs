using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Core.Batches;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Queues;

/// <summary>
/// Takes batch messages from the queue named by the <c>Batches:QueueName</c> setting (<c>Batches__QueueName</c>) into
/// Core's <see cref="BatchIntake"/>, the same intake the local host's listener and <c>POST /api/batches</c> use. Job ids
/// derive from the batch id and item index, so a redelivered message starts nothing twice. On
/// <see cref="BatchMessageDisposition.Retry"/> the function throws so the host makes the message visible again; at
/// <c>Batches:MaxDequeueCount</c> (keep it equal to host.json's <c>maxDequeueCount</c>) the intake itself moves the
/// message to <c>&lt;queue&gt;-poison</c> with the reason.
/// </summary>
public sealed class StartJobsFromQueueFunction(VideoJobsApiFactory apis)
{
    public const string QueueNameSetting = "%Batches:QueueName%";

    [Function("StartJobsFromQueue")]
    public Task RunAsync(
        [QueueTrigger(QueueNameSetting)] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        HandleAsync(
            apis.CreateBatchIntake(client),
            new BatchQueueMessage(message.Body, message.MessageId, message.DequeueCount),
            cancellationToken);

    /// <summary>Hands one delivery to the intake; throws when the intake asks for a retry.</summary>
    public static async Task HandleAsync(IBatchMessageHandler handler, BatchQueueMessage message, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(message, cancellationToken);
        if (outcome.Disposition == BatchMessageDisposition.Retry)
        {
            throw new InvalidOperationException($"Batch message {message.MessageId} will be retried: {outcome.Reason}");
        }
    }
}
