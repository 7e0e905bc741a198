namespace VideoPipeline.Local.Runtime;

/// <summary>Work for an instance runner; signals are processed one batch at a time, in arrival order.</summary>
internal readonly record struct RunnerSignal(RunnerSignalKind Kind, int Sequence = 0, string? Message = null);
