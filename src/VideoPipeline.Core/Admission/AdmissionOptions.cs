namespace VideoPipeline.Core.Admission;

/// <summary>
/// How jobs are admitted to providers with limits, bound from <c>Admission</c>. The limits themselves are the
/// provider's: <c>Providers:{X}:MaxConcurrentTasks</c> (task slots) and <c>Providers:{X}:RequestsPerMinute</c>
/// (request budget), the provider's documented limits unless configured; 0 turns each off.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// How long a task slot stays taken without renewal. The workflow renews it while it waits for the provider and
    /// releases it when the task ends; a job that died (terminated, host gone for good) loses its slot after this.
    /// Keep it well above <c>Pipeline:MaxPollInterval</c> plus the time a crashed host needs to come back.
    /// </summary>
    public TimeSpan SlotLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a waiting job looks at the slots itself. A freed slot reaches the oldest waiting job at once, by an
    /// event from the job that freed it; this re-check only matters when that handover was lost (its giver was
    /// terminated between taking the slot from the queue and telling the waiting job) and keeps the job's place in the
    /// queue alive. The first waiting jobs also re-check when a held slot's hold is due to lapse, so a slot whose holder
    /// died reaches them within one <see cref="SlotLeaseDuration"/>. Every re-check is an activity that reads the whole
    /// queue, and activities share the host's activity concurrency with the jobs at the provider: long by default.
    /// </summary>
    public TimeSpan SlotRecheckInterval { get; set; } = TimeSpan.FromMinutes(2.5);

    /// <summary>How long a job may wait for a slot before it fails with <c>timeout</c>. The job deadline starts once it has one.</summary>
    public TimeSpan MaxSlotWait { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Added to the provider's one-minute window by the shared request budget, so that network jitter and clock skew
    /// between hosts never put more than the limit into one of the provider's minutes.
    /// </summary>
    public TimeSpan RequestWindowMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest time a provider request waits in-process for room in the budget; beyond it the request fails as
    /// <c>rate_limited</c> with a <c>Retry-After</c>, and the workflow waits with a durable timer instead.
    /// </summary>
    public TimeSpan MaxRequestWait { get; set; } = TimeSpan.FromSeconds(30);
}
