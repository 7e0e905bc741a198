using System.Globalization;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Bench.Runtime;

namespace VideoPipeline.Bench.Waiting;

/// <summary>The measured window of <see cref="WaitingCostBenchmark"/>: process usage at both ends, peak memory, storage requests, status checks.</summary>
internal sealed record WaitingWindow(
    DateTime From,
    DateTime To,
    (ProcessUsage Host, ProcessUsage Azurite) Before,
    (ProcessUsage Host, ProcessUsage Azurite) After,
    (long Host, long Azurite) PeakRss,
    TimeSpan BenchCpu,
    Dictionary<string, long> Storage,
    long StatusChecks)
{
    private const double MiB = 1024 * 1024;

    private double Seconds => (To - From).TotalSeconds;

    public void Write(TextWriter output, int jobs, int dashboardRefreshes)
    {
        var hostCpu = Percent(After.Host.CpuTime - Before.Host.CpuTime);
        var azuriteCpu = Percent(After.Azurite.CpuTime - Before.Azurite.CpuTime);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Window: {Seconds:F0} s; {MachineLoad.Describe()} at its end; {StatusChecks / Seconds:F1} status checks/s " +
            $"({StatusChecks} for {jobs} jobs){(dashboardRefreshes > 0 ? $"; {dashboardRefreshes} dashboard refreshes" : string.Empty)}."));
        output.WriteLine();
        output.WriteLine("| process | RSS at end (MiB) | peak RSS (MiB) | CPU (% of one core) |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| host | {After.Host.RssBytes / MiB:F0} | {PeakRss.Host / MiB:F0} | {hostCpu:F1} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Azurite | {After.Azurite.RssBytes / MiB:F0} | {PeakRss.Azurite / MiB:F0} | {azuriteCpu:F1} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| host + Azurite | {(After.Host.RssBytes + After.Azurite.RssBytes) / MiB:F0} | | {hostCpu + azuriteCpu:F1} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| benchmark (emulator + load generator; not counted) | | | {Percent(BenchCpu):F1} |"));
        output.WriteLine();

        var total = Storage.Values.Sum();
        var perCheck = StatusChecks > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({total / (double)StatusChecks:F1} per status check)") : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Storage requests while waiting: {total / Seconds:F1}/s{perCheck}."));
        output.WriteLine();
        output.WriteLine("| storage request (service, container/queue/table, family, operation) | per s |");
        output.WriteLine("|---|---:|");
        foreach (var service in new[] { StorageOperation.Blob, StorageOperation.Queue, StorageOperation.Table })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| **{service}** | **{Storage.Where(p => StorageOperation.ServiceOf(p.Key) == service).Sum(p => p.Value) / Seconds:F2}** |"));
        }

        foreach (var (name, count) in Storage.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count / Seconds:F2} |"));
        }

        output.WriteLine();
    }

    private double Percent(TimeSpan cpu) => cpu.TotalSeconds / Seconds * 100;
}
