namespace VideoPipeline.Core.Archive;

/// <summary>A committed, verified video blob.</summary>
/// <param name="BlobUri">The blob's URI without any SAS; use <see cref="IBlobReadUrlIssuer"/> to hand out read access.</param>
/// <param name="Container">The container holding the blob.</param>
/// <param name="BlobName">The blob's name.</param>
/// <param name="Bytes">The blob's length.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the blob's content.</param>
/// <param name="ContentType">The blob's content type, <c>video/mp4</c>.</param>
/// <param name="AlreadyExisted">
/// True when an earlier attempt of the same job had already committed the blob, so nothing was downloaded this time.
/// </param>
public sealed record ArchiveResult(
    Uri BlobUri,
    string Container,
    string BlobName,
    long Bytes,
    string Sha256,
    string ContentType,
    bool AlreadyExisted);
