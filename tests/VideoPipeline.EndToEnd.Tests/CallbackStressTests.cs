using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>
/// A pipeline whose callback-mode jobs would wait ten minutes for the safety-net poll: a job that finishes within the
/// test's guard has seen its callback as an event.
/// </summary>
public sealed class SlowSafetyNetStack : PipelineStack
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Pipeline:MaxPollInterval"] = "00:10:00";
        settings["Pipeline:CallbackSafetyNetInterval"] = "00:10:00";
        settings["Pipeline:JobDeadline"] = "00:30:00";
    }
}

/// <summary>
/// Callbacks arriving while orchestrations start and replay: every one must become an event the workflow sees. The
/// providers call back at once (before the orchestrator has even recorded its submit) or within a second, some twice.
/// </summary>
public class CallbackStressTests(SlowSafetyNetStack stack) : IClassFixture<SlowSafetyNetStack>
{
    [Fact]
    public async Task Batch_200CallbackJobs_EveryCallbackWakesItsJobWithoutTheSafetyNetPoll()
    {
        var directives = new[] { "[emu:seconds=0]", "[emu:seconds=0.5]", "[emu:seconds=1]", "[emu:seconds=0] [emu:callback=duplicate]" };
        var prompts = Enumerable.Range(0, 200).Select(i => Requests.UniquePrompt(directives[i % directives.Length])).ToList();
        var batchId = $"callbacks-{Guid.NewGuid():N}"[..24];

        using var response = await stack.Http.PostAsJsonAsync("/api/batches", new
        {
            batchId,
            defaults = new { provider = "foxapi", model = "sora-2", aspectRatio = "16:9", durationSeconds = 4, waitMode = "callback" },
            items = prompts.Select(prompt => new { prompt }),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // The guard is far below the ten-minute safety net: a lost callback makes this wait give up.
        var batch = await Eventually.GetAsync(
            async () => await stack.Http.GetFromJsonAsync<JsonObject>($"/api/batches/{batchId}"),
            view => view!["status"]!.GetValue<string>() == "finished",
            $"batch {batchId} to finish", TimeSpan.FromMinutes(8), TimeSpan.FromSeconds(1));

        Assert.Equal(200, batch!["counts"]!["succeeded"]!.GetValue<int>());
        foreach (var prompt in prompts)
        {
            var stats = await stack.PromptStatsAsync(prompt);
            Assert.Equal(1, PipelineStack.Count(stats, "submissions"));
            Assert.InRange(PipelineStack.Count(stats, "statusCalls"), 1, 2);
        }
    }
}
