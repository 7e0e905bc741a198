namespace VideoPipeline.Core.Workflow;

public static class EventNames
{
    /// <summary>A provider callback or webhook arrived for the job (a hint: the workflow re-fetches the status).</summary>
    public const string ProviderCallback = "ProviderCallback";

    /// <summary>The caller asked to cancel the job.</summary>
    public const string Cancel = "CancelJob";
}
