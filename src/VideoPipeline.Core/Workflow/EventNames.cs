namespace VideoPipeline.Core.Workflow;

public static class EventNames
{
    /// <summary>A provider callback or webhook arrived for the job (a hint: the workflow re-fetches the status).</summary>
    public const string ProviderCallback = "ProviderCallback";

    /// <summary>The caller asked to cancel the job.</summary>
    public const string Cancel = "CancelJob";

    /// <summary>
    /// Another job freed a provider task slot and handed it to this waiting job (sent by that job's workflow, with
    /// the <see cref="Admission.TaskSlotGrant"/>).
    /// </summary>
    public const string TaskSlotGranted = "TaskSlotGranted";
}
