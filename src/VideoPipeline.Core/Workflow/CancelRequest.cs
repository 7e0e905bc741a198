namespace VideoPipeline.Core.Workflow;

/// <summary>The payload of a <see cref="EventNames.Cancel"/> event.</summary>
public sealed record CancelRequest(string? Reason = null);
