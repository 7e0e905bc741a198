using ScottPlot;

namespace VideoPipeline.Bench.Batches;

/// <summary>
/// How many of a batch's tasks were at the provider over time — each job from its submit until the workflow saw its
/// video finished — drawn as a step plot against the provider's limit and the theoretical minimum makespan.
/// </summary>
internal sealed class TasksInFlightTimeline(IReadOnlyList<(double SubmittedAt, double FinishedAt)> tasks)
{
    /// <summary>The count after each change, in seconds since the batch started; starts at (0, 0).</summary>
    public IReadOnlyList<(double At, int InFlight)> Steps()
    {
        var changes = tasks.Select(t => (At: t.SubmittedAt, Delta: 1))
            .Concat(tasks.Select(t => (At: t.FinishedAt, Delta: -1)))
            // At the same instant the finish counts first: a slot handed over at once is not an eleventh task.
            .OrderBy(c => c.At).ThenBy(c => c.Delta);
        var steps = new List<(double, int)> { (0, 0) };
        var inFlight = 0;
        foreach (var (at, delta) in changes)
        {
            inFlight += delta;
            steps.Add((at, inFlight));
        }

        return steps;
    }

    public void SavePng(string path, int limit, double minimumSeconds, double makespanSeconds, string title)
    {
        var steps = Steps();
        var plot = new Plot();
        var inFlight = plot.Add.Scatter(steps.Select(s => s.At).ToArray(), steps.Select(s => (double)s.InFlight).ToArray());
        inFlight.ConnectStyle = ConnectStyle.StepHorizontal;
        inFlight.MarkerSize = 0;
        inFlight.LineWidth = 1.5f;
        inFlight.LegendText = "tasks at the provider";

        var limitLine = plot.Add.HorizontalLine(limit);
        limitLine.LinePattern = LinePattern.Dashed;
        limitLine.Color = Colors.Red;
        limitLine.LegendText = $"provider limit ({limit})";

        var minimumLine = plot.Add.VerticalLine(minimumSeconds);
        minimumLine.LinePattern = LinePattern.Dotted;
        minimumLine.Color = Colors.Gray;
        minimumLine.LegendText = $"theoretical minimum ({minimumSeconds:F0} s)";

        var makespanLine = plot.Add.VerticalLine(makespanSeconds);
        makespanLine.Color = Colors.Black;
        makespanLine.LegendText = $"makespan ({makespanSeconds:F0} s)";

        plot.Title(title);
        plot.XLabel("seconds since the batch started");
        plot.YLabel("tasks in flight");
        plot.Axes.SetLimitsY(0, limit + 2);
        plot.ShowLegend(Edge.Bottom);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1200, 450);
    }
}
