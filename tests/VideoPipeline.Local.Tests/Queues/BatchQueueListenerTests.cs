using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Storage;
using VideoPipeline.Local.Queues;
using VideoPipeline.Testing;

namespace VideoPipeline.Local.Tests.Queues;

/// <summary>The local listener against Azurite's real queues: visibility, dequeue counts and deletion.</summary>
public sealed class BatchQueueListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _queueName = $"batches-{Guid.NewGuid():N}"[..24];
    private readonly RecordingBatchHandler _handler = new();
    private BatchQueueListener _listener = null!;

    private QueueClient Queue(QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(azurite.ConnectionString, _queueName, new QueueClientOptions { MessageEncoding = encoding });

    public async Task InitializeAsync()
    {
        await Queue().CreateIfNotExistsAsync();
        _listener = new BatchQueueListener(
            _handler,
            Options.Create(new BatchOptions { QueueName = _queueName }),
            Options.Create(new BatchQueueListenerOptions
            {
                MinPollingInterval = TimeSpan.FromMilliseconds(50),
                MaxPollingInterval = TimeSpan.FromMilliseconds(200),
                ProcessingVisibilityTimeout = TimeSpan.FromSeconds(2),
            }),
            Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }),
            TimeProvider.System,
            NullLogger<BatchQueueListener>.Instance);
        await _listener.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        _listener.Dispose();
    }

    [Fact]
    public async Task Listener_BatchTakenIn_HandsOverTheDecodedBodyOnceAndDeletesTheMessage()
    {
        await Queue().SendMessageAsync(BinaryData.FromString("""{"items":[]}"""));

        await Eventually.TrueAsync(() => Task.FromResult(_handler.Handled.Count == 1), "the delivery", Timeout);
        await Eventually.TrueAsync(async () => await IsEmptyAsync(), "the message to be deleted", Timeout);

        var delivery = Assert.Single(_handler.Handled);
        Assert.Equal("""{"items":[]}""", delivery.Body.ToString());
        Assert.Equal(1, delivery.DequeueCount);
    }

    [Fact]
    public async Task Listener_Retry_DeliversAgainWithRisingDequeueCountAndTheSameBody()
    {
        _handler.Decide = message => new BatchMessageOutcome(
            message.DequeueCount < 3 ? BatchMessageDisposition.Retry : BatchMessageDisposition.Poisoned, Reason: "no");
        await Queue().SendMessageAsync(BinaryData.FromString("payload"));

        await Eventually.TrueAsync(() => Task.FromResult(_handler.Handled.Count == 3), "three deliveries", Timeout);
        await Eventually.TrueAsync(async () => await IsEmptyAsync(), "the message to be deleted", Timeout);

        Assert.Equal([1L, 2L, 3L], _handler.Handled.Select(m => m.DequeueCount));
        Assert.All(_handler.Handled, m => Assert.Equal("payload", m.Body.ToString()));
        Assert.Single(_handler.Handled.Select(m => m.MessageId).Distinct());
    }

    [Fact]
    public async Task Listener_BodyNotBase64_PoisonedAtOnceWithoutBlockingOtherMessages()
    {
        await Queue(QueueMessageEncoding.None).SendMessageAsync("{not base64}");
        await Queue().SendMessageAsync(BinaryData.FromString("good"));

        await Eventually.TrueAsync(() => Task.FromResult(_handler.Poisoned.Count == 1 && _handler.Handled.Count == 1),
            "one poisoned and one handled message", Timeout);
        await Eventually.TrueAsync(async () => await IsEmptyAsync(), "both messages to be deleted", Timeout);

        var (poisoned, reason) = Assert.Single(_handler.Poisoned);
        Assert.Equal("{not base64}", poisoned.Body.ToString());
        Assert.Contains("Base64", reason);
        Assert.Equal("good", Assert.Single(_handler.Handled).Body.ToString());
    }

    [Fact]
    public async Task Listener_HandlerThrows_MessageComesBackAfterItsVisibilityTimeout()
    {
        _handler.Decide = message => message.DequeueCount == 1
            ? throw new InvalidOperationException("storage hiccup")
            : new BatchMessageOutcome(BatchMessageDisposition.Accepted, "batch");
        await Queue().SendMessageAsync(BinaryData.FromString("again"));

        await Eventually.TrueAsync(() => Task.FromResult(_handler.Handled.Count == 2), "a second delivery", Timeout);
        await Eventually.TrueAsync(async () => await IsEmptyAsync(), "the message to be deleted", Timeout);

        Assert.Equal([1L, 2L], _handler.Handled.Select(m => m.DequeueCount));
    }

    private async Task<bool> IsEmptyAsync() =>
        (await Queue().GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;
}
