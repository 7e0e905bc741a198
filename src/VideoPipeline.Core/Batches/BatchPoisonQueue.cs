using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Batches;

/// <summary>
/// Moves batch messages that cannot be taken in to <c>{queue}-poison</c>, the queue the Functions runtime uses, as a
/// <see cref="PoisonMessage"/> that says why — which the runtime's own move does not.
/// </summary>
public sealed class BatchPoisonQueue(
    QueueServiceClient queues,
    BlobServiceClient blobs,
    IOptions<BatchOptions> options,
    IOptions<PipelineOptions> pipeline,
    TimeProvider time)
{
    // A queue message is at most 64 KiB once Base64-encoded, so 48 KiB of JSON.
    private const int MaxMessageBytes = 48 * 1024;

    public async Task SendAsync(BatchQueueMessage message, string reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var poison = new PoisonMessage
        {
            Reason = reason,
            MessageId = message.MessageId,
            DequeueCount = message.DequeueCount,
            Queue = settings.QueueName,
            PoisonedAt = time.GetUtcNow(),
            Body = message.Body.ToString(),
        };
        var content = BinaryData.FromObjectAsJson(poison, PipelineJson.Options);
        if (content.ToMemory().Length > MaxMessageBytes)
        {
            var container = blobs.GetBlobContainerClient(pipeline.Value.StateContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var name = $"poison/{settings.QueueName}/{Uri.EscapeDataString(message.MessageId)}";
            await container.GetBlobClient(name).UploadAsync(message.Body, overwrite: true, cancellationToken);
            content = BinaryData.FromObjectAsJson(
                poison with { Body = null, BodyBlob = $"{container.Name}/{name}" }, PipelineJson.Options);
        }

        var queue = queues.GetQueueClient(settings.PoisonQueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.SendMessageAsync(content, cancellationToken: cancellationToken);
    }
}
