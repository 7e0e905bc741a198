namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The payload of a <see cref="EventNames.ProviderCallback"/> event: what the callback claimed.</summary>
public sealed record CallbackHint(string? TaskId = null, string? Status = null);
