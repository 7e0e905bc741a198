using Microsoft.Win32.SafeHandles;

namespace VideoPipeline.Bench;

/// <summary>
/// Samples managed heap size and process working set in the background and keeps the peaks, relative to a baseline
/// taken after a full collection. Peaks, not end values, are what would reveal a buffered download.
/// </summary>
/// <remarks>
/// A sample allocates nothing, so the sampler does not add garbage of its own to the heap it measures:
/// <c>Process.Refresh()</c> + <c>WorkingSet64</c> re-read the whole process status (threads included) and allocated
/// about 13 KB per sample, over 1 MiB per second at this rate. On Linux the resident set comes from
/// <c>/proc/self/statm</c>, read into a reused buffer.
/// </remarks>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly SafeFileHandle? _statm;
    private readonly byte[] _statmBuffer = new byte[256];
    private readonly CancellationTokenSource _stop = new();
    private readonly long _baselineManaged;
    private readonly long _baselineWorkingSet;
    private readonly long _baselineAllocated;
    private readonly Task _loop;
    private long _peakManaged;
    private long _peakWorkingSet;

    private MemorySampler()
    {
        _statm = File.Exists("/proc/self/statm") ? File.OpenHandle("/proc/self/statm") : null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        _baselineWorkingSet = WorkingSet();
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
        _statm?.Dispose();
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
        _peakWorkingSet = Math.Max(_peakWorkingSet, WorkingSet());
    }

    /// <summary>Resident bytes: the second field of <c>/proc/self/statm</c> (in pages), elsewhere the runtime's figure.</summary>
    private long WorkingSet()
    {
        if (_statm is null)
        {
            return Environment.WorkingSet;
        }

        var line = _statmBuffer.AsSpan(0, RandomAccess.Read(_statm, _statmBuffer, fileOffset: 0));
        var resident = line[(line.IndexOf((byte)' ') + 1)..];
        long pages = 0;
        foreach (var digit in resident[..resident.IndexOf((byte)' ')])
        {
            pages = (pages * 10) + (digit - '0');
        }

        return pages * Environment.SystemPageSize;
    }
}
