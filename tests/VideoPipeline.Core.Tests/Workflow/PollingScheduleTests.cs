using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Workflow;

public class PollingScheduleTests
{
    private static readonly JobPlan Plan = new()
    {
        WaitMode = WaitMode.Poll,
        Deadline = TimeSpan.FromMinutes(30),
        MinPollInterval = TimeSpan.FromSeconds(2),
        MaxPollInterval = TimeSpan.FromSeconds(60),
        TypicalGenerationTime = TimeSpan.FromSeconds(105),
        Container = "videos",
        BlobName = "x.mp4",
    };

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void NextDelay_JustSubmittedWithProviderEstimate_WaitsForTheEstimate() =>
        Assert.Equal(S(45), PollingSchedule.NextDelay(Plan, S(0), S(45), null, null, null));

    [Fact]
    public void NextDelay_NoEstimate_UsesTypicalTimeCappedAtMax() =>
        Assert.Equal(S(60), PollingSchedule.NextDelay(Plan, S(0), null, null, null, null));

    [Fact]
    public void NextDelay_HalfwayByProgress_AimsJustBeforeProjectedFinish() =>
        Assert.Equal(S(36), PollingSchedule.NextDelay(Plan, S(40), null, 50, null, null));

    [Fact]
    public void NextDelay_Overdue_WaitsFractionOfElapsed() =>
        Assert.Equal(S(30), PollingSchedule.NextDelay(Plan, S(200), null, null, null, null));

    [Fact]
    public void NextDelay_NearlyDone_NeverBelowMinimum() =>
        Assert.Equal(S(2), PollingSchedule.NextDelay(Plan, S(99), null, 99, null, null));

    [Fact]
    public void NextDelay_ProviderAsksForLonger_HonoursPollAfter() =>
        Assert.Equal(S(10), PollingSchedule.NextDelay(Plan, S(99), null, 99, S(10), null));

    [Fact]
    public void NextDelay_RetryAfterBeyondMaximum_HonoursRetryAfter() =>
        Assert.Equal(S(120), PollingSchedule.NextDelay(Plan, S(10), S(45), null, null, S(120)));

    [Fact]
    public void NextDelay_CallbackMode_ChecksOnlyAtTheSafetyNetIntervalBeyondTheMaximum() =>
        Assert.Equal(S(300), PollingSchedule.NextDelay(CallbackPlan, S(0), S(10), 50, null, null));

    [Fact]
    public void NextDelay_CallbackModeAfterAFailedCheck_RetriesOnTheBackoff() =>
        Assert.Equal(S(4), PollingSchedule.NextDelay(CallbackPlan, S(30), S(10), null, null, S(4)));

    [Fact]
    public void NextDelay_CallbackModeProviderAsksForLonger_HonoursPollAfter() =>
        Assert.Equal(S(400), PollingSchedule.NextDelay(CallbackPlan, S(0), null, null, S(400), null));

    [Fact]
    public void NextDelay_CallbackModeJobStartedWithoutASafetyNetInterval_KeepsCheckingAtTheMaximum() =>
        Assert.Equal(S(60), PollingSchedule.NextDelay(
            CallbackPlan with { CallbackSafetyNetInterval = null }, S(0), S(10), null, null, null));

    [Theory]
    [InlineData(WaitMode.Poll)]
    [InlineData(WaitMode.Callback)]
    public void NextDelay_WatchedJob_ChecksItselfOnlyAtTheWatchSafetyNet(WaitMode mode)
    {
        var plan = CallbackPlan with { WaitMode = mode, TaskWatchSafetyNetInterval = S(1800) };

        Assert.Equal(S(1800), PollingSchedule.NextDelay(plan, S(0), S(10), 50, null, null, watched: true));
        Assert.Equal(S(4), PollingSchedule.NextDelay(plan, S(30), S(10), null, null, S(4), watched: true));
    }

    private static JobPlan CallbackPlan => Plan with { WaitMode = WaitMode.Callback, CallbackSafetyNetInterval = S(300) };
}
