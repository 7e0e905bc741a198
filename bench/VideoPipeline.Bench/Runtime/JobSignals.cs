namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// When the storage requests that mark a job's archive were seen in Azurite's access log. The archiver is the same
/// on every host, so these signals are too.
/// </summary>
internal sealed class JobSignals
{
    /// <summary>The archiver's first request (does the blob exist already?): the archive activity started.</summary>
    public TaskCompletionSource<DateTime> ArchiveStarted { get; } = New();

    /// <summary>The video's block list was committed.</summary>
    public TaskCompletionSource<DateTime> Committed { get; } = New();

    private static TaskCompletionSource<DateTime> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
