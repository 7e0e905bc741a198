namespace VideoPipeline.Client.Models;

/// <summary>Where a job's video is (or will be) archived; the URI, size and hash once it is.</summary>
public sealed class VideoJobOutput
{
    /// <summary>The Blob Storage container.</summary>
    public required string Container { get; init; }

    /// <summary>The blob's name in the container.</summary>
    public required string BlobName { get; init; }

    /// <summary>The blob's URI (without credentials), once archived.</summary>
    public Uri? BlobUri { get; init; }

    /// <summary>The video's size in bytes, once archived.</summary>
    public long? Bytes { get; init; }

    /// <summary>The blob's content type, <c>video/mp4</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The SHA-256 of the archived bytes, lower-case hex; downloads are checked against it.</summary>
    public string? Sha256 { get; init; }
}
