using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow;

public sealed record ArchiveVideoResult(OutputView? Output, ActivityError? Error);
