using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using VideoPipeline.Functions.Orchestration;
using VideoPipeline.Functions.Tests.Infrastructure;
using CoreQuery = VideoPipeline.Core.Workflow.OrchestrationQuery;
using CoreStatus = VideoPipeline.Core.Workflow.OrchestrationRuntimeStatus;
using OrchestrationNotFoundException = VideoPipeline.Core.Workflow.OrchestrationNotFoundException;

namespace VideoPipeline.Functions.Tests.Orchestration;

public class DurableOrchestrationClientTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly DurableClientMock _client = new();

    private DurableOrchestrationClient Adapter => new(_client.Object);

    [Fact]
    public async Task GetInstanceAsync_Metadata_MapsEveryField()
    {
        _client.Add(new OrchestrationMetadata("VideoJob", "job-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            CreatedAt = Created,
            LastUpdatedAt = Created.AddMinutes(3),
            SerializedInput = """{"jobId":"job-1"}""",
            SerializedOutput = """{"status":"failed"}""",
            SerializedCustomStatus = """{"phase":"x"}""",
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "boom", null, null, null),
        });

        var instance = await Adapter.GetInstanceAsync("job-1", getInputsAndOutputs: true);

        Assert.NotNull(instance);
        Assert.Equal("job-1", instance.InstanceId);
        Assert.Equal("VideoJob", instance.Name);
        Assert.Equal(CoreStatus.Failed, instance.RuntimeStatus);
        Assert.Equal(Created, instance.CreatedAt);
        Assert.Equal(Created.AddMinutes(3), instance.LastUpdatedAt);
        Assert.Equal("""{"jobId":"job-1"}""", instance.SerializedInput);
        Assert.Equal("""{"status":"failed"}""", instance.SerializedOutput);
        Assert.Equal("""{"phase":"x"}""", instance.SerializedCustomStatus);
        Assert.Equal("boom", instance.FailureMessage);
        _client.Mock.Verify(c => c.GetInstanceAsync("job-1", true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Adapter.GetInstanceAsync("job-unknown"));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending, CoreStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running, CoreStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended, CoreStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed, CoreStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed, CoreStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated, CoreStatus.Terminated)]
    public void ToCoreStatus_DurableStatus_MapsToPortStatus(OrchestrationRuntimeStatus durable, CoreStatus expected)
    {
        Assert.Equal(expected, DurableOrchestrationClient.ToCoreStatus(durable));
    }

    [Fact]
    public async Task ScheduleAsync_NewId_SchedulesWithThatInstanceId()
    {
        var input = new { jobId = "job-1" };

        var id = await Adapter.ScheduleNewOrchestrationInstanceAsync("VideoJob", input, "job-1");

        Assert.Equal("job-1", id);
        var scheduled = Assert.Single(_client.Scheduled);
        Assert.Equal(("VideoJob", (object?)input, "job-1"), scheduled);
    }

    [Fact]
    public async Task ScheduleAsync_ExistingId_ReturnsItWithoutScheduling()
    {
        _client.Add(new OrchestrationMetadata("VideoJob", "job-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        var id = await Adapter.ScheduleNewOrchestrationInstanceAsync("VideoJob", null, "job-1");

        Assert.Equal("job-1", id);
        Assert.Empty(_client.Scheduled);
        _client.Mock.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Fact]
    public async Task ScheduleAsync_ConcurrentStartWon_ReturnsIdInsteadOfFailing()
    {
        var lookups = 0;
        _client.Mock.Setup(c => c.GetInstanceAsync("job-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => ++lookups == 1 ? null : new OrchestrationMetadata("VideoJob", "job-1"));
        _client.Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("An Orchestration instance with the ID job-1 already exists."));

        var id = await Adapter.ScheduleNewOrchestrationInstanceAsync("VideoJob", null, "job-1");

        Assert.Equal("job-1", id);
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task ScheduleAsync_FailureWithoutInstance_Throws()
    {
        _client.Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage unavailable"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Adapter.ScheduleNewOrchestrationInstanceAsync("VideoJob", null, "job-1"));
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownId_ThrowsNotFoundAndRaisesNothing()
    {
        var error = await Assert.ThrowsAsync<OrchestrationNotFoundException>(
            () => Adapter.RaiseEventAsync("job-unknown", "CancelJob", null));

        Assert.Equal("job-unknown", error.InstanceId);
        _client.Mock.Verify(c => c.RaiseEventAsync(
            It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RaiseEventAsync_KnownId_ForwardsEvent()
    {
        _client.Add(new OrchestrationMetadata("VideoJob", "job-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        var payload = new { reason = "test" };

        await Adapter.RaiseEventAsync("job-1", "CancelJob", payload);

        _client.Mock.Verify(c => c.RaiseEventAsync("job-1", "CancelJob", payload, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TerminateInstanceAsync_UnknownId_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Adapter.TerminateInstanceAsync("job-unknown"));
    }

    [Fact]
    public async Task QueryInstancesAsync_UnsortedPages_NewestFirstWithinPageSize()
    {
        OrchestrationQuery? filter = null;
        var all = Enumerable.Range(0, 5)
            .Select(i => new OrchestrationMetadata("VideoJob", $"job-{i}") { CreatedAt = Created.AddMinutes(i * 7 % 5) })
            .ToList();
        _client.Mock.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns((OrchestrationQuery? query) =>
            {
                filter = query;
                return Pageable.Create((string? continuation, CancellationToken _) => Task.FromResult(continuation is null
                    ? new Page<OrchestrationMetadata>(all.Take(3).ToList(), "next")
                    : new Page<OrchestrationMetadata>(all.Skip(3).ToList(), null)));
            });

        var listed = new List<string>();
        await foreach (var instance in Adapter.QueryInstancesAsync(
                           new CoreQuery(Statuses: [CoreStatus.Running], PageSize: 4, FetchInputsAndOutputs: true)))
        {
            listed.Add(instance.InstanceId);
        }

        var expected = all.Take(4).OrderByDescending(m => m.CreatedAt).Select(m => m.InstanceId).ToList();
        Assert.Equal(expected, listed);
        Assert.NotNull(filter);
        Assert.Equal(4, filter.PageSize);
        Assert.True(filter.FetchInputsAndOutputs);
        Assert.Equal(new[] { OrchestrationRuntimeStatus.Running }, filter.Statuses!);
    }
}
