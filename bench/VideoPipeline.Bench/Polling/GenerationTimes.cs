namespace VideoPipeline.Bench.Polling;

/// <summary>
/// Simulated generation times from the measured public range (identical 5 s clips took 83–253 s, median ≈ 105 s,
/// the same figures as the model catalogue's typical times), drawn with a fixed seed so every run simulates the same jobs.
/// </summary>
internal static class GenerationTimes
{
    public const double MinSeconds = 80;
    public const double MaxSeconds = 260;

    /// <summary>Uniform over [80 s, 260 s]: no idea where in the range a job lands (median 170 s).</summary>
    public static double[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => MinSeconds + random.NextDouble() * (MaxSeconds - MinSeconds)).ToArray();
    }

    /// <summary>
    /// Right-skewed like the measurements: 80 s plus a log-normal part with median 25 s and σ = 0.9, redrawn when
    /// past 260 s. Median ≈ 105 s, most jobs within 80–200 s, a tail to 260 s.
    /// </summary>
    public static double[] Skewed(int count, int seed)
    {
        var random = new Random(seed);
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            double t;
            do
            {
                // Box–Muller; 1 − NextDouble() avoids log(0).
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                t = MinSeconds + 25 * Math.Exp(0.9 * normal);
            }
            while (t > MaxSeconds);

            times[i] = t;
        }

        return times;
    }
}
