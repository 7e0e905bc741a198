using Microsoft.DurableTask;
using Moq;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Tests.Orchestration;

public class DurableOrchestrationContextTests
{
    private readonly Mock<TaskOrchestrationContext> _context = new();

    [Fact]
    public void Properties_ForwardInstanceIdTimeAndReplayState()
    {
        var now = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
        _context.SetupGet(c => c.InstanceId).Returns("job-1");
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(now);
        _context.SetupGet(c => c.IsReplaying).Returns(true);

        var adapter = new DurableOrchestrationContext(_context.Object);

        Assert.Equal("job-1", adapter.InstanceId);
        Assert.Equal(now, adapter.CurrentUtcDateTime);
        Assert.True(adapter.IsReplaying);
    }

    [Fact]
    public async Task CallActivityAsync_NameAndInput_ForwardedWithoutOptions()
    {
        var input = new object();
        _context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(42);

        var result = await new DurableOrchestrationContext(_context.Object).CallActivityAsync<int>("CheckVideoStatus", input);

        Assert.Equal(42, result);
        _context.Verify(c => c.CallActivityAsync<int>(
            It.Is<TaskName>(n => n.Name == "CheckVideoStatus"), input, null), Times.Once);
    }

    [Fact]
    public async Task CreateTimer_FireAtAndToken_Forwarded()
    {
        var fireAt = new DateTime(2026, 11, 21, 12, 5, 0, DateTimeKind.Utc);
        using var cancellation = new CancellationTokenSource();
        _context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await new DurableOrchestrationContext(_context.Object).CreateTimer(fireAt, cancellation.Token);

        _context.Verify(c => c.CreateTimer(fireAt, cancellation.Token), Times.Once);
    }

    [Fact]
    public async Task WaitForExternalEvent_NameAndToken_Forwarded()
    {
        using var cancellation = new CancellationTokenSource();
        _context.Setup(c => c.WaitForExternalEvent<string>("ProviderCallback", cancellation.Token)).ReturnsAsync("hint");

        var received = await new DurableOrchestrationContext(_context.Object)
            .WaitForExternalEvent<string>("ProviderCallback", cancellation.Token);

        Assert.Equal("hint", received);
    }

    [Fact]
    public void SetCustomStatus_Value_Forwarded()
    {
        var status = new { phase = "Submitting" };

        new DurableOrchestrationContext(_context.Object).SetCustomStatus(status);

        _context.Verify(c => c.SetCustomStatus(status), Times.Once);
    }
}
