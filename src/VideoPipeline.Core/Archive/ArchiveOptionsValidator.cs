using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Archive;

/// <summary>Reports every out-of-range <see cref="ArchiveOptions"/> setting at once, at start-up.</summary>
internal sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    private const int MinBlockSize = 64 * 1024;

    // The shared array pool keeps arrays up to 1 GiB; larger buffers would be allocated afresh for every block.
    private const int MaxBlockSize = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        var failures = new List<string>();
        if (options.BlockSizeBytes is < MinBlockSize or > MaxBlockSize)
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.BlockSizeBytes))} must be between {MinBlockSize} and {MaxBlockSize}.");
        }

        if (options.MaxConcurrentBlocks is < 1 or > 64)
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.MaxConcurrentBlocks))} must be between 1 and 64.");
        }

        // A provider that sends nothing for an hour is gone; longer waits only delay the retry.
        if (options.SourceReadTimeout <= TimeSpan.Zero || options.SourceReadTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.SourceReadTimeout))} must be positive and at most one hour.");
        }

        // Read URLs are meant to be followed at once; a day is already generous, and keeps user delegation keys
        // (at most seven days) well within their limit.
        if (options.ReadUrlLifetime <= TimeSpan.Zero || options.ReadUrlLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.ReadUrlLifetime))} must be positive and at most one day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{ArchiveOptions.SectionName}:{property}";
}
