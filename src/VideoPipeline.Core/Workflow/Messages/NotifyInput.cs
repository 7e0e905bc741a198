namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>A signed POST of the finished job view to the caller's <c>notifyUrl</c>.</summary>
public sealed record NotifyInput(string JobId, string NotifyUrl, VideoJobResult Result)
{
    /// <summary>The job's <see cref="VideoJobInput.TraceParent"/>: the activity's span joins the job's trace.</summary>
    public string? TraceParent { get; init; }
}
