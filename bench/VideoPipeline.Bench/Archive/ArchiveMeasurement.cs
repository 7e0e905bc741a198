namespace VideoPipeline.Bench.Archive;

/// <summary>One timed transfer.</summary>
internal sealed record ArchiveMeasurement(ArchiveCandidate Candidate, long SizeBytes, int Round, double Seconds)
{
    public double MibPerSecond => SizeBytes / (1024.0 * 1024.0) / Seconds;
}
