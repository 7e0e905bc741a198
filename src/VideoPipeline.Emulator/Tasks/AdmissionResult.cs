namespace VideoPipeline.Emulator.Tasks;

/// <summary>Outcome of <see cref="TaskStore.TryAdmit"/>.</summary>
internal readonly record struct AdmissionResult(bool IsAdmitted, TimeSpan RetryAfter, int ProviderRunning, int TotalRunning)
{
    public static AdmissionResult Admitted(int providerRunning, int totalRunning) =>
        new(true, TimeSpan.Zero, providerRunning, totalRunning);

    public static AdmissionResult Rejected(TimeSpan retryAfter) => new(false, retryAfter, 0, 0);
}
