namespace VideoPipeline.Bench.Archive;

internal enum ArchiveCandidateKind
{
    /// <summary><c>BlobClient.UploadAsync</c> of a pre-filled buffer: what the SDK does on its own, no download.</summary>
    SdkUpload,

    /// <summary>Staged blocks and a commit from a pre-filled buffer: the upload half of the archiver alone.</summary>
    StagedFromMemory,

    /// <summary>
    /// As <see cref="StagedFromMemory"/>, each block with a transactional MD5: Azurite then checks the MD5 (native
    /// OpenSSL) instead of computing a CRC64 in JavaScript, which isolates that Azurite-only cost.
    /// </summary>
    StagedFromMemoryWithMd5,

    /// <summary><c>BlobVideoArchiver</c> streaming the emulator's result URL: download, verify, hash, stage, commit.</summary>
    Archiver,
}
