namespace VideoPipeline.Client.Models;

/// <summary>Where to archive the video; the service's defaults apply to what is left null.</summary>
public sealed class VideoJobOutputRequest
{
    /// <summary>The Blob Storage container (3-63 lower-case letters, digits and single dashes).</summary>
    public string? Container { get; set; }

    /// <summary>The blob name (at most 1024 characters).</summary>
    public string? BlobName { get; set; }
}
