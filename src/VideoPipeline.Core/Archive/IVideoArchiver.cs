using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Archive;

/// <summary>Copies a finished video from its provider into Blob Storage, verified and create-only.</summary>
public interface IVideoArchiver
{
    /// <summary>
    /// Returns the job's blob, committing it from <paramref name="openSource"/> unless an earlier attempt of the same
    /// job already did (then the source is not opened). Throws <see cref="ArchiveException"/> on every failure.
    /// </summary>
    /// <param name="request">The job and the target blob.</param>
    /// <param name="openSource">Opens the provider's result; called at most once, and only when the blob is missing.</param>
    /// <param name="cancellationToken">Cancels the archive; nothing is committed then.</param>
    Task<ArchiveResult> ArchiveAsync(
        ArchiveRequest request,
        Func<CancellationToken, Task<ResultContent>> openSource,
        CancellationToken cancellationToken = default);
}
