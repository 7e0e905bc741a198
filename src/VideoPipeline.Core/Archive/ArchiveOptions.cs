namespace VideoPipeline.Core.Archive;

/// <summary>How videos are streamed into Blob Storage, bound from <c>Storage:Archive</c>.</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Storage:Archive";

    /// <summary>
    /// Bytes per staged block. An archive holds <c>MaxConcurrentBlocks + 1</c> block buffers (the uploads and the one
    /// being filled), so its memory is about <c>BlockSizeBytes × (MaxConcurrentBlocks + 1)</c> whatever the video's
    /// size; a blob holds at most 50,000 blocks, so this also caps the video size (8 MiB → 390 GiB).
    /// </summary>
    public int BlockSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Blocks uploading at the same time while the next one is read from the provider.</summary>
    public int MaxConcurrentBlocks { get; set; } = 4;

    /// <summary>
    /// Longest wait for the next bytes from the provider. A stalled download otherwise never ends; hitting it counts as
    /// a truncated result, which a retry may fix.
    /// </summary>
    public TimeSpan SourceReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a read URL from <see cref="IBlobReadUrlIssuer"/> stays valid.</summary>
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
