namespace VideoPipeline.Local.Runtime;

/// <summary>A pending <c>WaitForExternalEvent</c>: its action and how to hand it a payload.</summary>
internal sealed record EventWaiter(OrchestrationAction Action, Action<string?> Deliver);
