namespace VideoPipeline.Core.Workflow;

/// <summary>The names both hosts register the Core activities and the orchestrator under.</summary>
public static class ActivityNames
{
    public const string Orchestrator = "VideoJob";
    public const string Submit = "SubmitVideoJob";
    public const string CheckStatus = "CheckVideoStatus";
    public const string WatchTask = "WatchProviderTask";
    public const string Archive = "ArchiveVideo";
    public const string Cancel = "CancelProviderTask";
    public const string Delete = "DeleteProviderVideo";
    public const string Notify = "NotifyCaller";
    public const string RecordOutcome = "RecordJobOutcome";
    public const string AcquireTaskSlot = "AcquireTaskSlot";
    public const string ReleaseTaskSlot = "ReleaseTaskSlot";
}
