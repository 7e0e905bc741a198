using Microsoft.Extensions.Options;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Batches;

/// <summary>Reports every invalid <see cref="BatchOptions"/> setting at once, at start-up.</summary>
internal sealed class BatchOptionsValidator : IValidateOptions<BatchOptions>
{
    // The poison queue's name must be valid too, and it is seven characters longer.
    private const int MaxQueueNameLength = StorageNames.MaxLength - 7;

    public ValidateOptionsResult Validate(string? name, BatchOptions options)
    {
        var failures = new List<string>();

        if (!StorageNames.IsValid(options.QueueName, MaxQueueNameLength))
        {
            failures.Add($"{Setting(nameof(BatchOptions.QueueName))} must be {StorageNames.Rule(MaxQueueNameLength)}.");
        }

        if (options.MaxDequeueCount is < 1 or > 100)
        {
            failures.Add($"{Setting(nameof(BatchOptions.MaxDequeueCount))} must be between 1 and 100.");
        }

        if (options.MaxItems is < 1 or > 100_000)
        {
            failures.Add($"{Setting(nameof(BatchOptions.MaxItems))} must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{BatchOptions.SectionName}:{property}";
}
