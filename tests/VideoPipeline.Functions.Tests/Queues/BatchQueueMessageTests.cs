using System.Text;
using VideoPipeline.Functions.Queues;

namespace VideoPipeline.Functions.Tests.Queues;

public class BatchQueueMessageTests
{
    [Theory]
    [InlineData("""[{"a":1},{"b":2}]""")]
    [InlineData("""{"items":[{"a":1},{"b":2}]}""")]
    public void TryReadItems_ArrayOrItemsObject_ReturnsEveryItem(string body)
    {
        Assert.True(BatchQueueMessage.TryReadItems(body, out var items, out var error));
        Assert.Null(error);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void TryReadItems_Base64Body_IsDecoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"items":[{"a":1}]}"""));

        Assert.True(BatchQueueMessage.TryReadItems(body, out var items, out _));
        Assert.Single(items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"items":{}}""")]
    [InlineData("\"text\"")]
    public void TryReadItems_NotABatch_ReportsError(string body)
    {
        Assert.False(BatchQueueMessage.TryReadItems(body, out var items, out var error));
        Assert.Empty(items);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
