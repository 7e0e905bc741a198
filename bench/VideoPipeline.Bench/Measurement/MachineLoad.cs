using System.Globalization;

namespace VideoPipeline.Bench.Measurement;

/// <summary>
/// The 1-minute load average, printed with every table: the benchmarks run on a small machine shared with other
/// work, and the load says how much of the spread between rounds is somebody else's build.
/// </summary>
public static class MachineLoad
{
    public static string Describe()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"load average {fields[0]} {fields[1]} {fields[2]}");
        }
        catch (IOException)
        {
            return "load average unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average unknown";
        }
    }

    public static string Environment() =>
        $".NET {System.Environment.Version}, {System.Environment.ProcessorCount} cores, {System.Environment.OSVersion}";
}
