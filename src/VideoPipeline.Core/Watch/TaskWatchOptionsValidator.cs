using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Watch;

/// <summary>Reports every out-of-range <see cref="TaskWatchOptions"/> setting at once, at start-up.</summary>
internal sealed class TaskWatchOptionsValidator : IValidateOptions<TaskWatchOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskWatchOptions options)
    {
        var failures = new List<string>();
        if (options.RoundInterval < TimeSpan.FromMilliseconds(100) || options.RoundInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Setting(nameof(TaskWatchOptions.RoundInterval))} must be between 100 milliseconds and one minute.");
        }

        if (options.SafetyNetInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Setting(nameof(TaskWatchOptions.SafetyNetInterval))} must be at least one minute.");
        }

        if (options.RescanInterval < options.RoundInterval || options.RescanInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Setting(nameof(TaskWatchOptions.RescanInterval))} must be at least {nameof(TaskWatchOptions.RoundInterval)} " +
                         "and at most ten minutes.");
        }

        if (options.MaxConcurrentChecks is < 1 or > 256)
        {
            failures.Add($"{Setting(nameof(TaskWatchOptions.MaxConcurrentChecks))} must be between 1 and 256.");
        }

        // Blob Storage's own bounds for a finite lease.
        if (options.LeaseDuration < TimeSpan.FromSeconds(15) || options.LeaseDuration > TimeSpan.FromSeconds(60))
        {
            failures.Add($"{Setting(nameof(TaskWatchOptions.LeaseDuration))} must be between 15 and 60 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{TaskWatchOptions.SectionName}:{property}";
}
