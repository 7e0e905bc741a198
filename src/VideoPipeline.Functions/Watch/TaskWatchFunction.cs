using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Watch;

namespace VideoPipeline.Functions.Watch;

/// <summary>
/// Runs the task watch's rounds (<see cref="TaskWatchSweeper"/>) every second. A timer trigger runs on one instance
/// of the app at a time (the Functions host holds a blob lease for it), which is what the watch's in-memory schedule
/// needs; an instance that takes the trigger over rebuilds the schedule from the registrations.
/// <c>TaskWatch:RoundInterval</c> and <c>TaskWatch:LeaseDuration</c> are the local host's: here the schedule is the timer's.
/// </summary>
public sealed class TaskWatchFunction(TaskWatchSweeper sweeper, IOptions<TaskWatchOptions> options)
{
    public const string EverySecond = "* * * * * *";

    [Function("TaskWatch")]
    public async Task RunAsync(
        [TimerTrigger(EverySecond)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await sweeper.RunRoundAsync(client, cancellationToken);
        }
    }
}
