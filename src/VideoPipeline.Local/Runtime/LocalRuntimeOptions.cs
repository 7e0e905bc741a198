using System.ComponentModel.DataAnnotations;

namespace VideoPipeline.Local.Runtime;

/// <summary>Settings of the local durable runtime, bound from the <c>LocalRuntime</c> configuration section.</summary>
public sealed class LocalRuntimeOptions : IValidatableObject
{
    public const string SectionName = "LocalRuntime";

    /// <summary>Blob container holding journals, leases, inboxes and the instance index.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ContainerName { get; set; } = "videopipeline-runtime";

    /// <summary>
    /// How long an owner's lease on an instance lasts without renewal, so also how long a crashed owner's instances
    /// wait before another process takes them over. Blob Storage allows 15 to 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an owner renews its leases; at most half the lease duration so one failed renewal is survivable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the inbox is scanned for events raised by other processes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often unowned unfinished instances (new, or left by a crashed owner) are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Activities running at once in this process, across all instances.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentActivities { get; set; } = 32;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseRenewInterval > LeaseDuration / 2)
        {
            yield return new ValidationResult(
                $"{nameof(LeaseRenewInterval)} must be at most half of {nameof(LeaseDuration)}.",
                [nameof(LeaseRenewInterval)]);
        }
    }
}
