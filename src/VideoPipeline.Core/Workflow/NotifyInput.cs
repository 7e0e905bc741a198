namespace VideoPipeline.Core.Workflow;

/// <summary>A signed POST of the finished job view to the caller's <c>notifyUrl</c>.</summary>
public sealed record NotifyInput(string JobId, string NotifyUrl, VideoJobResult Result);
