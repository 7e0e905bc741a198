namespace VideoPipeline.Engine;

/// <summary>
/// The task hub on Azure Storage that the engine's worker and client use, bound from <c>DurableTask</c>. Defaults lay
/// the hub out as Durable Functions does with the repository's <c>host.json</c>; where they differ, the property says why.
/// </summary>
public sealed class DurableTaskEngineOptions
{
    public const string SectionName = "DurableTask";

    /// <summary>
    /// Names the hub's queues (<c>{hub}-control-NN</c>, <c>{hub}-workitems</c>), tables (<c>{hub}History</c>,
    /// <c>{hub}Instances</c>, <c>{hub}Partitions</c>) and blob containers (<c>{hub}-leases</c>, <c>{hub}-applease</c>,
    /// <c>{hub}-largemessages</c>). Azure Storage's naming rules allow 3 to 45 letters and digits, starting with a letter.
    /// Every process sharing a hub must use the same name and <see cref="PartitionCount"/>.
    /// </summary>
    public string TaskHubName { get; set; } = "VideoPipeline";

    /// <summary>
    /// The number of control queues (<c>host.json</c>'s <c>partitionCount</c>, 4): at most this many processes run
    /// orchestrations at once, each owning some partitions. Fixed when the hub is created; a new count needs a new hub.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// The longest an idle worker waits between polls of its queues. Azure's default is 30 s; 1 s keeps the pick-up of
    /// new jobs, events and timers that come from another process (or after an idle spell) near one second.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a control-queue message a worker took stays invisible to other workers. A worker renews it while it
    /// works; when a worker dies, its messages come back after this long. Azure's default of 5 minutes would delay every
    /// recovery by 5 minutes; 60 s recovers within a minute and leaves ample room for renewals (every few seconds).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The same for activity messages (<c>{hub}-workitems</c>): an activity whose worker died runs again after this long
    /// (activities run at least once). 60 s rather than Azure's 5 minutes, for the same reason.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// This process's name as a partition owner. It must stay the same across restarts, so a restarted process takes
    /// its partitions straight back instead of waiting for their leases to expire, and it must differ between
    /// processes sharing the hub. The default, the machine name, does both for one process per machine; set it when
    /// running several on one machine, or in containers whose host name changes on every start.
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>Activities this process runs at once (<c>host.json</c>'s <c>maxConcurrentActivityFunctions</c>, 10).</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Orchestration episodes this process runs at once (<c>host.json</c>'s <c>maxConcurrentOrchestratorFunctions</c>, 10).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 10;

    /// <summary>
    /// Partition ownership kept in the <c>{hub}Partitions</c> table instead of blob leases. Durable Functions defaults
    /// this to true when <c>host.json</c> leaves <c>useTablePartitionManagement</c> unset, as ours does, so processes of
    /// both hosts agree on ownership of a shared hub.
    /// </summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>
    /// Keeps an orchestration's history in memory for <see cref="ExtendedSessionIdleTimeout"/> after an episode
    /// (<c>host.json</c>'s <c>extendedSessionsEnabled</c>, which ours leaves off as Durable Functions does), so the
    /// episode that follows a quick activity — a status check, an archive — does not read the history back from the
    /// <c>{hub}History</c> table: one of a status check's two History queries, when the check's result comes back
    /// within the timeout (under load it often does not; docs/performance.md). The worker replays the orchestrator
    /// from that history either way.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>
    /// How long an extended session waits for its instance's next message (<c>host.json</c>'s
    /// <c>extendedSessionIdleTimeoutInSeconds</c>, 30 s there). A waiting session holds one of the
    /// <see cref="MaxConcurrentOrchestrations"/> slots, so the default covers an activity's round trip, not a polling
    /// interval: longer would keep slots from other instances' episodes.
    /// </summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
