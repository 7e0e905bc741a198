using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Bench.Measurement;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The callback path on the real stack: jobs in callback mode against the emulator, timing the provider's completion
/// (APIXO reports it in milliseconds), the callback landing in the runtime's inbox, the workflow's
/// <c>timings.generatedAt</c> (after the status re-fetch) and the archive activity's first storage request.
/// </summary>
internal static class CallbackLatencyProbe
{
    private const int Concurrency = 2;
    private const double GenerationSeconds = 3;

    public static async Task RunAsync(int jobsPerProvider, TextWriter output, CancellationToken cancellationToken)
    {
        await using var stack = await PipelineProcessStack.StartAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Callback path on the real stack: {jobsPerProvider} jobs per provider, {Concurrency} at a time, " +
            $"[emu:seconds={GenerationSeconds}], host with production defaults; {MachineLoad.Describe()}."));
        output.WriteLine();
        output.WriteLine("| provider | completion → callback stored (ms) | callback stored → generatedAt (ms) | callback stored → archive start (ms) | completion → archive start (ms) | status calls per job | callbacks per job |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        foreach (var (provider, model) in new[] { ("foxapi", "sora-2"), ("apixo", "sora-2-pro") })
        {
            // Warm-up jobs (JIT, connections, containers) are not measured.
            await RunJobsAsync(stack, provider, model, 2, cancellationToken);
            var samples = await RunJobsAsync(stack, provider, model, jobsPerProvider, cancellationToken);
            string Cell(Func<Sample, double?> pick)
            {
                var values = samples.Select(pick).OfType<double>().ToList();
                return values.Count == 0
                    ? "–"
                    : string.Create(CultureInfo.InvariantCulture, $"{Percentiles.Median(values):F0} (p95 {Percentiles.Of(values, 95):F0})");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} {model} | {Cell(s => s.CompletionToCallback)} | {Cell(s => s.CallbackToGenerated)} | " +
                $"{Cell(s => s.CallbackToArchiveStart)} | {Cell(s => s.CompletionToArchiveStart)} | " +
                $"{samples.Average(s => s.StatusCalls):F1} | {samples.Average(s => s.Callbacks):F1} |"));
        }

        output.WriteLine();
    }

    private static async Task<List<Sample>> RunJobsAsync(
        PipelineProcessStack stack, string provider, string model, int count, CancellationToken cancellationToken)
    {
        var samples = new List<Sample>();
        using var slots = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var sample = await RunJobAsync(stack, provider, model, cancellationToken);
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
            finally
            {
                slots.Release();
            }
        }));
        return samples;
    }

    private static async Task<Sample> RunJobAsync(PipelineProcessStack stack, string provider, string model, CancellationToken cancellationToken)
    {
        var prompt = string.Create(CultureInfo.InvariantCulture, $"callback latency {Guid.NewGuid():N} [emu:seconds={GenerationSeconds}]");
        var id = await stack.StartJobAsync(new { provider, model, prompt, waitMode = "callback" }, cancellationToken);
        var signals = stack.Signals(id);
        await signals.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);

        var view = await stack.GetJobAsync(id, cancellationToken);
        if (view["status"]!.GetValue<string>() != "succeeded")
        {
            throw new InvalidOperationException($"Job {id} did not succeed: {view}");
        }

        var generatedAt = view["timings"]!["generatedAt"]!.GetValue<DateTime>().ToUniversalTime();
        var callbackStored = await signals.CallbackStored.Task;
        var archiveStarted = await signals.ArchiveStarted.Task;

        // The counters first: reading APIXO's completion time below is a status call too.
        var stats = await stack.EmulatorStatsAsync(cancellationToken);
        var counters = stats["prompts"]?[prompt];
        DateTime? completedAt = provider == "apixo"
            ? await ApixoCompletionAsync(stack, model, view["provider"]!["taskId"]!.GetValue<string>(), cancellationToken)
            : null;
        return new Sample(
            (callbackStored - completedAt)?.TotalMilliseconds,
            (generatedAt - callbackStored).TotalMilliseconds,
            (archiveStarted - callbackStored).TotalMilliseconds,
            (archiveStarted - completedAt)?.TotalMilliseconds,
            counters?["statusCalls"]?.GetValue<long>() ?? 0,
            counters?["callbacksSent"]?.GetValue<long>() ?? 0);
    }

    /// <summary>APIXO's status answer carries <c>completeTime</c> in Unix milliseconds: the provider's own clock of completion.</summary>
    private static async Task<DateTime> ApixoCompletionAsync(
        PipelineProcessStack stack, string model, string taskId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/statusTask/{model}?taskId={Uri.EscapeDataString(taskId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.Emulator.Options.Apixo.ApiKey);
        using var response = await stack.EmulatorHttp.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        return DateTimeOffset.FromUnixTimeMilliseconds(body["data"]!["completeTime"]!.GetValue<long>()).UtcDateTime;
    }

    private sealed record Sample(
        double? CompletionToCallback,
        double CallbackToGenerated,
        double CallbackToArchiveStart,
        double? CompletionToArchiveStart,
        long StatusCalls,
        long Callbacks);
}
