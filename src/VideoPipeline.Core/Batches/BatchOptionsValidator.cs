using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Batches;

/// <summary>Reports every invalid <see cref="BatchOptions"/> setting at once, at start-up.</summary>
internal sealed partial class BatchOptionsValidator : IValidateOptions<BatchOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchOptions options)
    {
        var failures = new List<string>();

        // The poison queue's name must be valid too, and it is seven characters longer.
        if (!QueueName().IsMatch(options.QueueName ?? ""))
        {
            failures.Add($"{Setting(nameof(BatchOptions.QueueName))} must be 3-56 lower-case letters, digits and single " +
                         "hyphens, starting and ending with a letter or digit.");
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

    [GeneratedRegex("^(?=.{3,56}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();
}
