using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Archive;

/// <summary>Which job's video goes where. The job id is what makes a retry recognise its own blob.</summary>
/// <param name="JobId">The pipeline job id, stored as blob metadata <c>jobid</c>.</param>
/// <param name="Provider">The provider that generated the video.</param>
/// <param name="Model">The provider's model name.</param>
/// <param name="ProviderTaskId">The provider's task id, for tracing a blob back to the provider.</param>
/// <param name="Container">The target container; created when missing.</param>
/// <param name="BlobName">The target blob name; never overwritten.</param>
public sealed record ArchiveRequest(
    string JobId,
    ProviderName Provider,
    string Model,
    string ProviderTaskId,
    string Container,
    string BlobName);
