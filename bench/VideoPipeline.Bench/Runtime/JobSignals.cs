namespace VideoPipeline.Bench.Runtime;

/// <summary>When the storage requests that mark a job's milestones were seen in Azurite's access log.</summary>
internal sealed class JobSignals
{
    /// <summary>The first inbox item (a provider callback, raised as an event) was written.</summary>
    public TaskCompletionSource<DateTime> CallbackStored { get; } = New();

    /// <summary>The archiver's first request (does the blob exist already?): the archive activity started.</summary>
    public TaskCompletionSource<DateTime> ArchiveStarted { get; } = New();

    /// <summary>The video's block list was committed.</summary>
    public TaskCompletionSource<DateTime> Committed { get; } = New();

    /// <summary>The instance's lock was deleted: the runtime's last step for a finished instance.</summary>
    public TaskCompletionSource<DateTime> Finished { get; } = New();

    private static TaskCompletionSource<DateTime> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
