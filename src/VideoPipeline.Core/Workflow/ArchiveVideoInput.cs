using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Workflow;

public sealed record ArchiveVideoInput(string JobId, JobRequest Request, ProviderTask Task, string Container, string BlobName);
