using System.Globalization;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Waiting;

/// <summary>
/// How punctually the host checked its tasks on a fixed schedule, from the status-check times the emulator recorded
/// per task: each check should follow the previous one of the same task by exactly the interval; lateness is the
/// actual gap minus that. Checks overdue at the end of the window (due, not made) count too, or an overloaded host
/// that stopped polling altogether would look punctual.
/// </summary>
internal sealed class PollLateness
{
    /// <summary>The bound: no check later than its schedule by more than this.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    private PollLateness(List<double> latenessSeconds, List<(DateTime At, double Seconds)> late, DateTime from, int overdue, int tasks)
    {
        LatenessSeconds = latenessSeconds;
        Late = late;
        From = from;
        Overdue = overdue;
        Tasks = tasks;
    }

    /// <summary>Gap minus interval of every pair of consecutive checks whose later check fell in the window.</summary>
    public List<double> LatenessSeconds { get; }

    /// <summary>Tasks whose next check was due more than <see cref="Tolerance"/> before the window ended and had not come.</summary>
    /// <summary>The checks more than <see cref="Tolerance"/> late: when they came and by how much.</summary>
    public List<(DateTime At, double Seconds)> Late { get; }

    private DateTime From { get; }

    public int Overdue { get; }

    public int Tasks { get; }

    /// <param name="timelines">The emulator's task timelines (<c>GET /emulator/tasks</c>).</param>
    /// <param name="taskIds">The tasks of the measured jobs.</param>
    /// <param name="interval">The fixed polling interval the host was given.</param>
    /// <param name="from">Start of the window.</param>
    /// <param name="to">End of the window.</param>
    public static PollLateness Measure(JsonArray timelines, IReadOnlySet<string> taskIds, TimeSpan interval, DateTime from, DateTime to)
    {
        var lateness = new List<double>();
        var late = new List<(DateTime, double)>();
        var overdue = 0;
        var tasks = 0;
        foreach (var timeline in timelines.Select(t => t!.AsObject()).Where(t => taskIds.Contains(t["id"]!.GetValue<string>())))
        {
            tasks++;
            var checks = timeline["statusChecks"]!.AsArray().Select(c => c!.GetValue<DateTimeOffset>().UtcDateTime).ToList();
            for (var i = 1; i < checks.Count; i++)
            {
                if (checks[i] >= from && checks[i] <= to)
                {
                    var seconds = (checks[i] - checks[i - 1] - interval).TotalSeconds;
                    lateness.Add(seconds);
                    if (seconds > Tolerance.TotalSeconds)
                    {
                        late.Add((checks[i], seconds));
                    }
                }
            }

            var last = checks.Count > 0 ? checks[^1] : timeline["createdAt"]!.GetValue<DateTimeOffset>().UtcDateTime;
            if (last + interval + Tolerance < to)
            {
                overdue++;
            }
        }

        return new PollLateness(lateness, late, from, overdue, tasks);
    }

    public void Write(TextWriter output, TimeSpan interval)
    {
        if (LatenessSeconds.Count == 0)
        {
            output.WriteLine($"Poll lateness: no two consecutive status checks of a task in the window; {Overdue} of {Tasks} tasks overdue at its end.");
            return;
        }

        var late = Late.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Poll lateness (gap between consecutive status checks of a task − {interval.TotalSeconds:F0} s), {LatenessSeconds.Count} gaps ending in the window:"));
        output.WriteLine();
        output.WriteLine("| lateness (s) | min | p50 | p95 | max | gaps over 2 s | tasks overdue at the window's end |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| status check after the previous one | {LatenessSeconds.Min():F2} | {Percentiles.Median(LatenessSeconds):F2} | " +
            $"{Percentiles.Of(LatenessSeconds, 95):F2} | {LatenessSeconds.Max():F2} | {late} ({100.0 * late / LatenessSeconds.Count:F1} %) | {Overdue} of {Tasks} |"));
        output.WriteLine();
        WriteLateSpells(output);
    }

    /// <summary>
    /// When the late checks came, as spells of checks late together (each within 5 s of the one before): a stall of
    /// the whole watch makes one spell, an unlucky check a spell of one.
    /// </summary>
    private void WriteLateSpells(TextWriter output)
    {
        if (Late.Count == 0)
        {
            return;
        }

        var spells = new List<List<(DateTime At, double Seconds)>>();
        foreach (var check in Late.OrderBy(l => l.At))
        {
            if (spells.Count == 0 || check.At - spells[^1][^1].At > TimeSpan.FromSeconds(5))
            {
                spells.Add([]);
            }

            spells[^1].Add(check);
        }

        output.WriteLine("Checks over 2 s late, by spell (s into the window: checks, most late):" + string.Concat(spells.Select(spell =>
            string.Create(CultureInfo.InvariantCulture, $" {(spell[0].At - From).TotalSeconds:F0}–{(spell[^1].At - From).TotalSeconds:F0} s: {spell.Count}, {spell.Max(c => c.Seconds):F2} s;"))));
        output.WriteLine();
    }
}
