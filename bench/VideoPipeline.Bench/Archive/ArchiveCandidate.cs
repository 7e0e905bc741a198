using System.Globalization;

namespace VideoPipeline.Bench.Archive;

/// <summary>One way of getting a video's bytes into Azurite, measured side by side with the others.</summary>
/// <param name="Kind">What moves the bytes.</param>
/// <param name="BlockSize">Bytes per staged block (archiver and staged from memory); 0 for the SDK's own choice.</param>
/// <param name="Concurrency">Blocks in flight (archiver and staged from memory); 0 for the SDK's own choice.</param>
internal sealed record ArchiveCandidate(ArchiveCandidateKind Kind, int BlockSize, int Concurrency)
{
    public static ArchiveCandidate SdkUpload { get; } = new(ArchiveCandidateKind.SdkUpload, 0, 0);

    public string Label => Kind switch
    {
        ArchiveCandidateKind.SdkUpload => "SDK baseline: UploadAsync from memory (default transfer options)",
        ArchiveCandidateKind.StagedFromMemory => $"staged blocks from memory without a checksum, {Shape}",
        ArchiveCandidateKind.StagedFromMemoryWithMd5 => $"ceiling: staged blocks from memory with MD5, {Shape}",
        _ => $"archiver {Shape}",
    };

    public string Shape => string.Create(CultureInfo.InvariantCulture, $"{BlockSize / (1024 * 1024)} MiB × {Concurrency}");
}
