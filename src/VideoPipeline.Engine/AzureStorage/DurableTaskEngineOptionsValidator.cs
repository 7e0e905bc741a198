using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Engine;

/// <summary>Reports every out-of-range <see cref="DurableTaskEngineOptions"/> setting at once, at start-up.</summary>
internal sealed partial class DurableTaskEngineOptionsValidator : IValidateOptions<DurableTaskEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskEngineOptions options)
    {
        var failures = new List<string>();
        if (!TaskHubName().IsMatch(options.TaskHubName ?? ""))
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.TaskHubName))} must be 3 to 45 letters and digits, " +
                         "starting with a letter (Azure Storage naming rules).");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.PartitionCount))} must be between 1 and 16.");
        }

        if (options.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(100) || options.MaxQueuePollingInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.MaxQueuePollingInterval))} must be between 100 ms and 10 minutes.");
        }

        // Renewals come every few seconds; shorter timeouts would hand messages to a second worker while the first works.
        CheckVisibilityTimeout(options.ControlQueueVisibilityTimeout, nameof(DurableTaskEngineOptions.ControlQueueVisibilityTimeout), failures);
        CheckVisibilityTimeout(options.WorkItemQueueVisibilityTimeout, nameof(DurableTaskEngineOptions.WorkItemQueueVisibilityTimeout), failures);

        if (string.IsNullOrEmpty(options.WorkerId))
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.WorkerId))} must not be empty.");
        }

        if (options.MaxConcurrentActivities is < 1 or > 1000)
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.MaxConcurrentActivities))} must be between 1 and 1000.");
        }

        if (options.MaxConcurrentOrchestrations is < 1 or > 1000)
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.MaxConcurrentOrchestrations))} must be between 1 and 1000.");
        }

        if (options.ExtendedSessionIdleTimeout < TimeSpan.FromMilliseconds(100) || options.ExtendedSessionIdleTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Setting(nameof(DurableTaskEngineOptions.ExtendedSessionIdleTimeout))} must be between 100 ms and 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckVisibilityTimeout(TimeSpan value, string property, List<string> failures)
    {
        if (value < TimeSpan.FromSeconds(15) || value > TimeSpan.FromDays(7))
        {
            failures.Add($"{Setting(property)} must be between 15 seconds and 7 days.");
        }
    }

    private static string Setting(string property) => $"{DurableTaskEngineOptions.SectionName}:{property}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
