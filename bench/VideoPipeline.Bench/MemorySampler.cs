using System.Diagnostics;

namespace VideoPipeline.Bench;

/// <summary>
/// Samples managed heap size and process working set in the background and keeps the peaks, relative to a baseline
/// taken after a full collection. Peaks, not end values, are what would reveal a buffered download.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly Process _process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _baselineManaged;
    private readonly long _baselineWorkingSet;
    private readonly long _baselineAllocated;
    private readonly Task _loop;
    private long _peakManaged;
    private long _peakWorkingSet;

    private MemorySampler()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        _process.Refresh();
        _baselineWorkingSet = _process.WorkingSet64;
        _baselineAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _peakManaged = _baselineManaged;
        _peakWorkingSet = _baselineWorkingSet;
        _loop = Task.Run(SampleAsync);
    }

    public static MemorySampler Start() => new();

    /// <summary>
    /// Stops sampling and reports peak growth over the baseline, the bytes allocated meanwhile, and what is still
    /// live after a full collection (a buffered download would show up there).
    /// </summary>
    public async Task<MemoryReport> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _baselineAllocated;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - _baselineManaged;
        return new MemoryReport(_peakManaged - _baselineManaged, _peakWorkingSet - _baselineWorkingSet, allocated, retained);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _process.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        _process.Refresh();
        _peakWorkingSet = Math.Max(_peakWorkingSet, _process.WorkingSet64);
    }
}
