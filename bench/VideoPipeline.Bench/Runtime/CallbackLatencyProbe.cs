using System.Globalization;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The callback path on the real stack: jobs in callback mode against the emulator, timing the provider's completion,
/// the host accepting its callback, the workflow's <c>timings.generatedAt</c> (after the status re-fetch) and the
/// archive activity's first storage request (<see cref="CompletionProbe"/>).
/// </summary>
internal static class CallbackLatencyProbe
{
    private const int Concurrency = 2;
    private const double GenerationSeconds = 3;

    public static async Task RunAsync(int jobsPerProvider, TextWriter output, CancellationToken cancellationToken)
    {
        await using var stack = await BenchmarkStack.StartAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Callback path on the real stack: {jobsPerProvider} jobs per provider, {Concurrency} at a time, " +
            $"[emu:seconds={GenerationSeconds}], host with production defaults; {MachineLoad.Describe()}."));
        output.WriteLine();
        output.WriteLine("| provider | completion → callback accepted (ms) | callback accepted → generatedAt (ms) | callback accepted → archive start (ms) | completion → archive start (ms) | status calls per job | callbacks per job |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        foreach (var (provider, model) in new[] { ("foxapi", "sora-2"), ("apixo", "sora-2-pro") })
        {
            // Warm-up jobs (JIT, connections, containers) are not measured.
            await RunJobsAsync(stack, provider, model, 2, cancellationToken);
            var samples = await RunJobsAsync(stack, provider, model, jobsPerProvider, cancellationToken);
            string Cell(Func<CompletionSample, double?> pick)
            {
                var values = samples.Select(pick).OfType<double>().ToList();
                return values.Count == 0
                    ? "–"
                    : string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Median(values):F0} (p95 {Percentiles.Of(values, 95):F0})");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} {model} | {Cell(s => CompletionSample.Between(s.CompletesAt, s.CallbackDeliveredAt))} | " +
                $"{Cell(s => CompletionSample.Between(s.CallbackDeliveredAt, s.GeneratedAt))} | " +
                $"{Cell(s => CompletionSample.Between(s.CallbackDeliveredAt, s.ArchiveStartedAt))} | " +
                $"{Cell(s => CompletionSample.Between(s.CompletesAt, s.ArchiveStartedAt))} | " +
                $"{samples.Average(s => s.StatusChecks):F1} | {samples.Average(s => s.CallbacksDelivered):F1} |"));
        }

        output.WriteLine();
    }

    private static Task<List<CompletionSample>> RunJobsAsync(
        BenchmarkStack stack, string provider, string model, int count, CancellationToken cancellationToken) =>
        CompletionProbe.RunManyAsync(stack, count, Concurrency, () => new
        {
            provider,
            model,
            prompt = string.Create(CultureInfo.InvariantCulture, $"callback latency {Guid.NewGuid():N} [emu:seconds={GenerationSeconds}]"),
            waitMode = "callback",
        }, cancellationToken);
}
