using System.Globalization;
using VideoPipeline.Bench.Measurement;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Core;

namespace VideoPipeline.Bench.Polling;

/// <summary>
/// Detection delay (completion → first status call that sees it) and status calls per job of the workflow's adaptive
/// polling against common fixed schedules and callbacks, for generation times drawn from the measured public range,
/// in virtual time. The callback path's real latency (callback → status re-fetch → archive start) is then measured on
/// the real stack (<see cref="Runtime.CallbackLatencyProbe"/>).
/// Arguments: <c>--samples 1000</c>, <c>--seed 7</c>, <c>--callback-jobs 20</c> per provider (0 skips the real stack).
/// </summary>
public sealed class PollingLatencyBenchmark : IBenchmarkCommand
{
    public string Name => "polling-latency";

    public string Description => "Adaptive polling vs fixed schedules vs callbacks: detection delay and status calls per job.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BenchArgs.Parse(args, ["--samples", "--seed", "--callback-jobs"], []);
        var samples = options.Int("--samples", 1000);
        var seed = options.Int("--seed", 7);
        var callbackJobs = options.Int("--callback-jobs", 20);

        var model = ModelCatalogue.Default.Get(ProviderName.FoxApi, "sora-2");
        var settings = new PipelineOptions();
        JobPlan Plan(WaitMode mode) => new()
        {
            WaitMode = mode,
            Deadline = settings.JobDeadline,
            MinPollInterval = settings.MinPollInterval,
            MaxPollInterval = settings.MaxPollInterval,
            CallbackSafetyNetInterval = settings.CallbackSafetyNetInterval,
            TypicalGenerationTime = model.TypicalGenerationTime,
            Container = "videos",
            BlobName = "simulated.mp4",
        };

        PollingStrategy[] strategies =
        [
            new("adaptive (workflow), provider reports progress", t => WorkflowSimulation.Run(Plan(WaitMode.Poll), t, true, null)),
            new("adaptive (workflow), no progress reported", t => WorkflowSimulation.Run(Plan(WaitMode.Poll), t, false, null)),
            PollingStrategy.Fixed("fixed 1 s (OpenAI SDK poll helper)", TimeSpan.Zero, TimeSpan.FromSeconds(1)),
            PollingStrategy.Fixed("wait 120 s, then every 5 s (seed tip)", TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(5)),
            PollingStrategy.Fixed("first at 60 s, then every 15 s (APIXO guide)", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15)),
            new("callback (workflow), callback arrives", t => WorkflowSimulation.Run(Plan(WaitMode.Callback), t, true, TimeSpan.Zero)),
            new("callback (workflow), callback lost: safety-net polls only", t => WorkflowSimulation.Run(Plan(WaitMode.Callback), t, true, null)),
        ];

        output.WriteLine($"polling-latency: {MachineLoad.Environment()}; {samples} simulated jobs, seed {seed}, virtual time");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Plan: MinPollInterval {settings.MinPollInterval.TotalSeconds:F0} s, MaxPollInterval {settings.MaxPollInterval.TotalSeconds:F0} s, " +
            $"CallbackSafetyNetInterval {settings.CallbackSafetyNetInterval.TotalSeconds:F0} s, " +
            $"typical time {model.TypicalGenerationTime.TotalSeconds:F0} s ({model.DisplayName}); no provider estimate."));
        output.WriteLine();

        foreach (var (name, times) in new[]
                 {
                     ("skewed (80 s + log-normal, median ≈ 105 s)", GenerationTimes.Skewed(samples, seed)),
                     ("uniform 80–260 s", GenerationTimes.Uniform(samples, seed)),
                 })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generation times {name}: median {Percentiles.Median(times):F0} s, p5 {Percentiles.Of(times, 5):F0} s, " +
                $"p95 {Percentiles.Of(times, 95):F0} s, max {times.Max():F0} s."));
            output.WriteLine();
            output.WriteLine("| strategy | detection delay median (s) | p95 (s) | max (s) | status calls per job median | p95 | mean |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var strategy in strategies)
            {
                var outcomes = times.Select(t => strategy.Simulate(TimeSpan.FromSeconds(t))).ToList();
                var delays = outcomes.Select(o => o.DetectionDelaySeconds).ToList();
                var calls = outcomes.Select(o => (double)o.StatusCalls).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {strategy.Label} | {Percentiles.Median(delays):F1} | {Percentiles.Of(delays, 95):F1} | {delays.Max():F1} | " +
                    $"{Percentiles.Median(calls):F0} | {Percentiles.Of(calls, 95):F0} | {calls.Average():F1} |"));
            }

            output.WriteLine();
        }

        if (callbackJobs > 0)
        {
            await Runtime.CallbackLatencyProbe.RunAsync(callbackJobs, output, cancellationToken);
        }

        return 0;
    }
}
