using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace VideoPipeline.Functions.Tests.Hosting;

/// <summary>
/// Runs a Functions app's timer trigger functions as the Timers extension does: at each occurrence of the trigger's
/// NCRONTAB schedule (six fields, seconds first, parsed by the library the extension uses), one invocation at a time
/// per function, occurrences missed while one ran skipped, a failed invocation logged and the schedule kept.
/// </summary>
internal sealed class TimerTriggerScheduler(Assembly assembly, IServiceProvider services, ILogger<TimerTriggerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionMethods.WithTrigger<TimerTriggerAttribute>(assembly)
            .Select(f => RunAsync(f.Name, f.Method, f.Trigger, stoppingToken)));

    private async Task RunAsync(string name, MethodInfo method, ParameterInfo trigger, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(
            trigger.GetCustomAttribute<TimerTriggerAttribute>()!.Schedule,
            new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = schedule.GetNextOccurrence(DateTime.UtcNow) - DateTime.UtcNow;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }

                using var scope = services.CreateScope();
                await FunctionMethods.InvokeAsync(method, scope.ServiceProvider, parameter =>
                    parameter.ParameterType == typeof(TimerInfo) ? new TimerInfo() : FunctionMethods.BindDurableClient(parameter, scope.ServiceProvider),
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Timer function {Function} failed", name);
            }
        }
    }
}
