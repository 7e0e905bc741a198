using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Api;

public sealed record JobList(IReadOnlyList<JobView> Items);
