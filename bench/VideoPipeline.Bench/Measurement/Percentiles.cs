namespace VideoPipeline.Bench.Measurement;

/// <summary>Order statistics for benchmark tables. Nearest-rank, so every reported value is one that was measured.</summary>
public static class Percentiles
{
    public static double Median(IEnumerable<double> values) => Of(values, 50);

    /// <param name="values">The sample; need not be sorted.</param>
    /// <param name="percentile">0–100.</param>
    public static double Of(IEnumerable<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>(max − min) / median: how far apart repeated measurements of the same thing landed.</summary>
    public static double Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : (list.Max() - list.Min()) / Median(list);
    }
}
