using System.Globalization;

namespace VideoPipeline.Bench.Measurement;

/// <summary>
/// A process's resident memory (<c>VmRSS</c> in <c>/proc/PID/status</c>) and the CPU time it has used so far
/// (<c>utime + stime</c> in <c>/proc/PID/stat</c>), read at one moment. Linux only, like the machines the benchmarks run on.
/// </summary>
public readonly record struct ProcessUsage(long RssBytes, TimeSpan CpuTime)
{
    /// <summary>Clock ticks per second of <c>/proc</c>'s times: USER_HZ, fixed at 100 in Linux's user-space ABI.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessUsage Read(int processId)
    {
        var rssKib = File.ReadLines($"/proc/{processId}/status")
            .Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Single();

        // The command name (field 2) is in parentheses and may contain spaces: fields are counted after its ')'.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessUsage(rssKib * 1024, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    /// <summary>This process (the benchmark itself: load generator and, in-process, the provider emulator).</summary>
    public static ProcessUsage Current() => Read(Environment.ProcessId);
}
