namespace VideoPipeline.Client.Models;

/// <summary>What a verified download wrote.</summary>
public sealed class VideoContentInfo
{
    /// <summary>The number of bytes written.</summary>
    public long Bytes { get; init; }

    /// <summary>Their SHA-256, lower-case hex: the one the job reports.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The content type the storage served, <c>video/mp4</c>.</summary>
    public string? ContentType { get; init; }
}
