using Microsoft.Extensions.Options;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core;

/// <summary>Reports every invalid <see cref="PipelineOptions"/> setting at once, at start-up.</summary>
internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = new List<string>();
        if (options.JobDeadline <= TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(PipelineOptions.JobDeadline))} must be positive.");
        }

        if (options.MinPollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(PipelineOptions.MinPollInterval))} must be positive.");
        }

        if (options.MaxPollInterval < options.MinPollInterval)
        {
            failures.Add($"{Setting(nameof(PipelineOptions.MaxPollInterval))} must be at least {nameof(PipelineOptions.MinPollInterval)}.");
        }

        if (options.CallbackSafetyNetInterval < options.MinPollInterval)
        {
            failures.Add($"{Setting(nameof(PipelineOptions.CallbackSafetyNetInterval))} must be at least {nameof(PipelineOptions.MinPollInterval)}.");
        }

        if (!StorageNames.IsValid(options.StateContainer))
        {
            failures.Add($"{Setting(nameof(PipelineOptions.StateContainer))} must be {StorageNames.Rule()}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{PipelineOptions.SectionName}:{property}";
}
