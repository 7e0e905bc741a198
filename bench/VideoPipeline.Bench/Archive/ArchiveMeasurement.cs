namespace VideoPipeline.Bench.Archive;

/// <summary>One timed transfer.</summary>
/// <param name="Candidate">What moved the bytes.</param>
/// <param name="SizeBytes">How many bytes.</param>
/// <param name="Round">Which round it ran in.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="CpuSeconds">CPU time of the benchmark process meanwhile (the emulator serving the download included,
/// Azurite not): unlike wall-clock time, it hardly depends on what else the machine is doing.</param>
internal sealed record ArchiveMeasurement(ArchiveCandidate Candidate, long SizeBytes, int Round, double Seconds, double CpuSeconds)
{
    public double MibPerSecond => SizeBytes / (1024.0 * 1024.0) / Seconds;

    public double CpuSecondsPerGib => CpuSeconds / (SizeBytes / (1024.0 * 1024.0 * 1024.0));
}
