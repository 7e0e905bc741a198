using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Local.Queues;

/// <summary>
/// The local host's stand-in for the Functions queue trigger on the batch queue: receives messages with a visibility
/// timeout, hands each to the Core intake (<see cref="IBatchMessageHandler"/>), deletes it once it is taken in or
/// moved to the poison queue, and otherwise makes it visible again after <see cref="BatchQueueListenerOptions.VisibilityTimeout"/>,
/// so that the dequeue count rises to the limit as with Functions. A body that is not Base64 goes to the poison queue
/// at once, as the Functions queue extension does: retrying cannot decode it.
/// </summary>
internal sealed partial class BatchQueueListener(
    IBatchMessageHandler handler,
    IOptions<BatchOptions> batches,
    IOptions<BatchQueueListenerOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<BatchQueueListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var queue = CreateClient(storage.Value, batches.Value.QueueName);
        var created = false;
        var idle = settings.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(
                    settings.BatchSize, settings.ProcessingVisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = settings.MinPollingInterval;
                await Task.WhenAll(messages.Select(m => ProcessAsync(queue, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollFailed(e, queue.Name);
                await DelayQuietlyAsync(settings.MaxPollingInterval, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (DecodeBase64(message.Body) is not { } body)
            {
                await handler.PoisonAsync(
                    new BatchQueueMessage(message.Body, message.MessageId, message.DequeueCount),
                    "The message body is not Base64; batch messages are Base64-encoded, as the Functions queue trigger expects.",
                    stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                return;
            }

            var outcome = await handler.HandleAsync(
                new BatchQueueMessage(body, message.MessageId, message.DequeueCount), stoppingToken);
            if (outcome.Disposition == BatchMessageDisposition.Retry)
            {
                await queue.UpdateMessageAsync(
                    message.MessageId, message.PopReceipt, (BinaryData?)null, options.Value.VisibilityTimeout, stoppingToken);
            }
            else
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the message is delivered again once its visibility timeout passes.
        }
        catch (Exception e)
        {
            // The message is delivered again once its visibility timeout passes, with a higher dequeue count.
            LogProcessFailed(e, message.MessageId);
        }
    }

    private static BinaryData? DecodeBase64(BinaryData raw)
    {
        var text = raw.ToString();
        var buffer = new byte[(text.Length / 4 + 1) * 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? BinaryData.FromBytes(buffer.AsMemory(0, written)) : null;
    }

    /// <summary>
    /// A client of its own that leaves bodies undecoded: with the shared client's Base64 decoding, one message that is
    /// not Base64 would fail every receive it is part of.
    /// </summary>
    private static QueueClient CreateClient(StorageOptions storage, string queueName)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        return string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new QueueClient(
                new Uri($"{storage.QueueServiceUri!.AbsoluteUri.TrimEnd('/')}/{queueName}"),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ManagedIdentityClientId }),
                clientOptions)
            : new QueueClient(storage.ConnectionString, queueName, clientOptions);
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop condition ends it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling batch queue {Queue} failed; trying again.")]
    private partial void LogPollFailed(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Batch message {MessageId} failed; it is delivered again after its visibility timeout.")]
    private partial void LogProcessFailed(Exception exception, string messageId);
}
