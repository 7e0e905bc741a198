using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Extensions;
using VideoPipeline.Functions.Queues;
using VideoPipeline.Functions.Tests.Infrastructure;

namespace VideoPipeline.Functions.Tests.Queues;

public sealed class StartJobsFromQueueFunctionTests : IDisposable
{
    private readonly ServiceProvider _services = TestServices.Create();
    private readonly DurableClientMock _client = new();

    public void Dispose() => _services.Dispose();

    private StartJobsFromQueueFunction Function() => new(
        _services.GetRequiredService<VideoJobsApiFactory>(), NullLogger<StartJobsFromQueueFunction>.Instance);

    private static readonly string TwoValidOneInvalid =
        $$"""{"items":[{{Requests.ValidJob}},{"provider":"foxapi"},{{Requests.ValidJob}}]}""";

    [Fact]
    public async Task StartAsync_ItemsWithOneInvalid_StartsValidOnesWithIdsFromMessageIdAndIndex()
    {
        var summary = await Function().StartAsync("msg-1", TwoValidOneInvalid, _client.Object, CancellationToken.None);

        string[] expected =
        [
            VideoJobsApi.JobIdFor(StartJobsFromQueueFunction.IdempotencyKey("msg-1", 0)),
            VideoJobsApi.JobIdFor(StartJobsFromQueueFunction.IdempotencyKey("msg-1", 2)),
        ];
        Assert.Equal(expected, summary.JobIds);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(expected, _client.Scheduled.Select(s => s.InstanceId));
        Assert.All(_client.Scheduled, s => Assert.Equal(ActivityNames.Orchestrator, s.Name));
    }

    [Fact]
    public async Task StartAsync_RedeliveredMessage_StartsNothingTwice()
    {
        var function = Function();

        var first = await function.StartAsync("msg-2", TwoValidOneInvalid, _client.Object, CancellationToken.None);
        var second = await function.StartAsync("msg-2", TwoValidOneInvalid, _client.Object, CancellationToken.None);

        Assert.Equal(first.JobIds, second.JobIds);
        Assert.Equal(2, _client.Scheduled.Count);
    }

    [Fact]
    public async Task StartAsync_Base64EncodedArray_IsRead()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes($"[{Requests.ValidJob}]"));

        var summary = await Function().StartAsync("msg-3", body, _client.Object, CancellationToken.None);

        Assert.Single(summary.JobIds);
        Assert.Single(_client.Scheduled);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"jobs":[]}""")]
    [InlineData("42")]
    public async Task StartAsync_UnreadableMessage_StartsNothing(string body)
    {
        var summary = await Function().StartAsync("msg-4", body, _client.Object, CancellationToken.None);

        Assert.Empty(summary.JobIds);
        Assert.Empty(_client.Scheduled);
    }
}
