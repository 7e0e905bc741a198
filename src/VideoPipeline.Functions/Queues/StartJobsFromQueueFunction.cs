using System.Net;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Api;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Queues;

/// <summary>
/// Starts the jobs of a batch message from the queue named by the <c>Batches:QueueName</c> setting
/// (<c>Batches__QueueName</c> in app settings). Each item is started exactly as <c>POST /api/videos</c> would start it,
/// with an idempotency key derived from the queue message id and the item's index: a redelivered message (the host
/// retries up to <c>maxDequeueCount</c> before moving it to <c>&lt;queue&gt;-poison</c>) finds its jobs and starts none
/// twice. Invalid items are logged and skipped; an unreadable message is logged and dropped (retrying cannot fix it).
/// Until the batch API lands in Core, these jobs carry no batch id.
/// </summary>
public sealed class StartJobsFromQueueFunction(VideoJobsApiFactory apis, ILogger<StartJobsFromQueueFunction> logger)
{
    public const string QueueNameSetting = "%Batches:QueueName%";

    [Function("StartJobsFromQueue")]
    public Task RunAsync(
        [QueueTrigger(QueueNameSetting)] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        FunctionContext executionContext) =>
        StartAsync(message.MessageId, message.Body.ToString(), client, executionContext.CancellationToken);

    /// <summary>Starts the items of one message; the trigger's work, separated so it can be called with plain values.</summary>
    public async Task<BatchStartSummary> StartAsync(
        string messageId, string body, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!BatchQueueMessage.TryReadItems(body, out var items, out var error))
        {
            logger.LogError("Dropping batch message {MessageId}: {Error}", messageId, error);
            return new BatchStartSummary(messageId, [], 0);
        }

        var api = apis.Create(client);
        var started = new List<string>(items.Count);
        var rejected = 0;
        for (var index = 0; index < items.Count; index++)
        {
            using var item = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(items[index]));
            var response = await api.StartJobAsync(item, IdempotencyKey(messageId, index), cancellationToken);
            if (response is { StatusCode: (int)HttpStatusCode.Accepted, Body: JobAccepted accepted })
            {
                started.Add(accepted.Id);
            }
            else
            {
                rejected++;
                logger.LogWarning("Batch message {MessageId} item {Index} was rejected ({Status}): {Problem}",
                    messageId, index, response.StatusCode, Describe(response));
            }
        }

        logger.LogInformation("Batch message {MessageId}: {Started} jobs started or already present, {Rejected} rejected",
            messageId, started.Count, rejected);
        return new BatchStartSummary(messageId, started, rejected);
    }

    /// <summary>The idempotency key of item <paramref name="index"/> of a queue message (printable ASCII, &lt; 200 chars).</summary>
    public static string IdempotencyKey(string messageId, int index) => $"queue:{messageId}:{index}";

    private static string Describe(ApiResponse response) => response.Body is ProblemDetails problem
        ? problem.Errors is { Count: > 0 } errors
            ? $"{problem.Title} {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}"
            : $"{problem.Title} {problem.Detail}"
        : $"HTTP {response.StatusCode}";
}
