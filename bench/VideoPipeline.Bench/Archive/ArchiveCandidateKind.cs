namespace VideoPipeline.Bench.Archive;

internal enum ArchiveCandidateKind
{
    /// <summary><c>BlobClient.UploadAsync</c> of a pre-filled buffer: what the SDK does on its own, no download.</summary>
    SdkUpload,

    /// <summary>
    /// Staged blocks and a commit from a pre-filled buffer, without a transactional checksum: Azurite then computes a
    /// CRC64 of every block in JavaScript, which isolates what the archiver's MD5 saves locally.
    /// </summary>
    StagedFromMemory,

    /// <summary>
    /// The ceiling: staged blocks and a commit from a pre-filled buffer, each block with a transactional MD5 computed
    /// the way the archiver computes it. The upload half of the archiver alone, so Azurite's own speed.
    /// </summary>
    StagedFromMemoryWithMd5,

    /// <summary><c>BlobVideoArchiver</c> streaming the emulator's result URL: download, verify, hash, stage, commit.</summary>
    Archiver,
}
