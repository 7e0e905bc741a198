using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Admission;

/// <summary>Reports every out-of-range <see cref="AdmissionOptions"/> setting at once, at start-up.</summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        var failures = new List<string>();

        // Shorter leases would lapse between two polling rounds of a healthy job and let the provider be overbooked.
        if (options.SlotLeaseDuration < TimeSpan.FromSeconds(30) || options.SlotLeaseDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{Setting(nameof(AdmissionOptions.SlotLeaseDuration))} must be between 30 seconds and one day.");
        }

        // A waiting job's place in the queue lapses one lease after its last re-check, and re-checks come up to 25 % late.
        if (options.SlotRecheckInterval < TimeSpan.FromSeconds(1) || options.SlotRecheckInterval > options.SlotLeaseDuration / 2)
        {
            failures.Add($"{Setting(nameof(AdmissionOptions.SlotRecheckInterval))} must be at least one second and at most half of " +
                         $"{nameof(AdmissionOptions.SlotLeaseDuration)}.");
        }

        if (options.MaxSlotWait <= TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(AdmissionOptions.MaxSlotWait))} must be positive.");
        }

        if (options.RequestWindowMargin < TimeSpan.Zero || options.RequestWindowMargin > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Setting(nameof(AdmissionOptions.RequestWindowMargin))} must be between 0 and one minute.");
        }

        if (options.MaxRequestWait < TimeSpan.Zero || options.MaxRequestWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Setting(nameof(AdmissionOptions.MaxRequestWait))} must be between 0 and five minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{AdmissionOptions.SectionName}:{property}";
}
