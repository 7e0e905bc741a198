namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The payload of a <see cref="EventNames.Cancel"/> event.</summary>
public sealed record CancelRequest(string? Reason = null);
