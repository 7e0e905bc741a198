using Moq;
using VideoPipeline.Core.Batches;
using VideoPipeline.Functions.Queues;

namespace VideoPipeline.Functions.Tests.Queues;

public class StartJobsFromQueueFunctionTests
{
    private static readonly BatchQueueMessage Message = new(BinaryData.FromString("""{"items":[]}"""), "msg-1", 1);

    [Theory]
    [InlineData(BatchMessageDisposition.Accepted)]
    [InlineData(BatchMessageDisposition.Poisoned)]
    public async Task HandleAsync_AcceptedOrPoisoned_ReturnsSoTheHostDeletesTheMessage(BatchMessageDisposition disposition)
    {
        var handler = new Mock<IBatchMessageHandler>();
        handler.Setup(h => h.HandleAsync(Message, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BatchMessageOutcome(disposition, "batch-1"));

        await StartJobsFromQueueFunction.HandleAsync(handler.Object, Message, CancellationToken.None);

        handler.Verify(h => h.HandleAsync(Message, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task HandleAsync_Retry_ThrowsSoTheHostRedeliversTheMessage()
    {
        var handler = new Mock<IBatchMessageHandler>();
        handler.Setup(h => h.HandleAsync(Message, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BatchMessageOutcome(BatchMessageDisposition.Retry, Reason: "storage unavailable"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => StartJobsFromQueueFunction.HandleAsync(handler.Object, Message, CancellationToken.None));

        Assert.Contains("storage unavailable", error.Message);
    }
}
