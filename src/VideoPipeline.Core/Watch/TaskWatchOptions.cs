namespace VideoPipeline.Core.Watch;

/// <summary>
/// The task watch, bound from <c>TaskWatch</c>. A waiting job does not check its provider task itself: it registers
/// the task with the watch, which checks every registered task on the job's schedule (in poll mode its polling
/// schedule, in callback mode every <c>Pipeline:CallbackSafetyNetInterval</c> for a lost callback) from one loop per
/// deployment (<see cref="TaskWatchSweeper"/>) and raises the job's <c>ProviderCallback</c> event once the task ended.
/// A waiting job then costs the engine nothing between checks, where each check of its own costs two orchestration
/// episodes and about fourteen storage requests.
/// </summary>
public sealed class TaskWatchOptions
{
    public const string SectionName = "TaskWatch";

    /// <summary>Off: jobs check their tasks themselves with durable timers, as before the watch existed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The local host's longest wait between two rounds: it wakes when the next check falls due, and at least this
    /// often for registrations it learns of by re-reading them. (The Functions app's timer runs a round every second.)
    /// </summary>
    public TimeSpan RoundInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The gap between a watched job's own status checks: they only matter when the watch stopped (its host is gone,
    /// or it lost the job's registration), so they are rare. Every one costs the engine a check.
    /// </summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often the watch re-reads the registrations: it learns at once of tasks registered in its own process,
    /// and of the others (registered by another instance's activities) when it re-reads them.
    /// </summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Status checks in flight at once.</summary>
    public int MaxConcurrentChecks { get; set; } = 16;

    /// <summary>
    /// The local host's blob lease that makes one host of several run the watch; a host that stopped without releasing
    /// it hands over after this. (The Functions host runs the watch from a timer trigger, a singleton of its own.)
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
