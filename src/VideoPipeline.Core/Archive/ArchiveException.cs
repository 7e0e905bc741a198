using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Why an archive did not produce a blob. <see cref="IVideoArchiver.ArchiveAsync"/> throws only this (and
/// <see cref="OperationCanceledException"/> when its token is cancelled); whenever it throws, no blob was committed.
/// </summary>
public sealed class ArchiveException : Exception
{
    public ArchiveException(string code, string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        IsTransient = isTransient;
    }

    /// <summary>
    /// One of <see cref="ErrorCodes"/>: <c>result_truncated</c>, <c>result_not_mp4</c>, <c>result_expired</c>,
    /// <c>archive_conflict</c>, <c>archive_failed</c>, or the code of a <see cref="Providers.ProviderException"/>
    /// thrown while opening the source.
    /// </summary>
    public string Code { get; }

    /// <summary>Archiving the same job again later may succeed (dropped connection, storage hiccup).</summary>
    public bool IsTransient { get; }
}
