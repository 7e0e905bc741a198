using System.Globalization;

namespace VideoPipeline.Bench.Archive;

/// <summary>One way of getting a video's bytes into Azurite, measured side by side with the others.</summary>
/// <param name="Kind">What moves the bytes.</param>
/// <param name="BlockSize">Bytes per staged block (archiver and staged ceiling); 0 for the SDK's own choice.</param>
/// <param name="Concurrency">Blocks in flight (archiver and staged ceiling); 0 for the SDK's own choice.</param>
internal sealed record ArchiveCandidate(ArchiveCandidateKind Kind, int BlockSize, int Concurrency)
{
    public static ArchiveCandidate SdkUpload { get; } = new(ArchiveCandidateKind.SdkUpload, 0, 0);

    public string Label => Kind switch
    {
        ArchiveCandidateKind.SdkUpload => "baseline: SDK UploadAsync from memory (default transfer options)",
        ArchiveCandidateKind.StagedFromMemory => $"ceiling: staged blocks from memory, {Shape}",
        ArchiveCandidateKind.StagedFromMemoryWithMd5 => $"staged blocks from memory with Content-MD5, {Shape}",
        _ => $"archiver {Shape}",
    };

    public string Shape => string.Create(CultureInfo.InvariantCulture, $"{BlockSize / (1024 * 1024)} MiB × {Concurrency}");
}
