using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

public sealed record ArchiveVideoResult(OutputView? Output, ActivityError? Error);
