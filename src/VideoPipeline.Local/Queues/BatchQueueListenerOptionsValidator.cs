using Microsoft.Extensions.Options;

namespace VideoPipeline.Local.Queues;

/// <summary>Reports every out-of-range <see cref="BatchQueueListenerOptions"/> setting at once, at start-up.</summary>
internal sealed class BatchQueueListenerOptionsValidator : IValidateOptions<BatchQueueListenerOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchQueueListenerOptions options)
    {
        var failures = new List<string>();

        // The queue service hands out at most 32 messages per receive.
        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add($"{Setting(nameof(BatchQueueListenerOptions.BatchSize))} must be between 1 and 32.");
        }

        // Seven days is the longest the queue service keeps a message invisible.
        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add($"{Setting(nameof(BatchQueueListenerOptions.VisibilityTimeout))} must be between 0 and 7 days.");
        }

        if (options.ProcessingVisibilityTimeout < TimeSpan.FromSeconds(1) || options.ProcessingVisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add($"{Setting(nameof(BatchQueueListenerOptions.ProcessingVisibilityTimeout))} must be between 1 second and 7 days.");
        }

        CheckPollingInterval(options.MinPollingInterval, nameof(BatchQueueListenerOptions.MinPollingInterval), failures);
        CheckPollingInterval(options.MaxPollingInterval, nameof(BatchQueueListenerOptions.MaxPollingInterval), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPollingInterval(TimeSpan value, string property, List<string> failures)
    {
        if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Setting(property)} must be between 10 ms and 10 minutes.");
        }
    }

    private static string Setting(string property) => $"{BatchQueueListenerOptions.SectionName}:{property}";
}
