using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.EndToEnd.Tests;

public class LoadTests(LoadStack stack) : IClassFixture<LoadStack>
{
    private const int Jobs = 1000;

    [Fact]
    public async Task PostVideo_ThousandConcurrentRequests_AllAnsweredAllFinishIdempotentRetriesMatch()
    {
        // A thousand jobs at once queue behind each other on two cores (and behind Azurite pauses): allow each
        // request minutes, not seconds.
        using var patient = new HttpClient { BaseAddress = stack.Host.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        var keys = Enumerable.Range(0, Jobs).Select(i => $"load-{i}-{Guid.NewGuid():N}").ToArray();
        var providers = new[] { "foxapi", "openai", "apixo" };

        var ids = await Task.WhenAll(keys.Select((key, i) => stack.StartJobAsync(
            Requests.For(providers[i % 3], $"load {key} [emu:seconds=0] [emu:bytes=65536]", "poll"), key, patient)));
        var retried = await Task.WhenAll(keys.Take(100).Select((key, i) => stack.StartJobAsync(
            Requests.For(providers[i % 3], $"load {key} [emu:seconds=0] [emu:bytes=65536]", "poll"), key, patient)));

        Assert.Equal(Jobs, ids.Distinct().Count());
        Assert.Equal(ids.Take(100), retried);

        var pending = new HashSet<string>(ids);
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (pending.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{pending.Count} jobs still unfinished");
            foreach (var id in pending.ToList())
            {
                var status = (await patient.GetFromJsonAsync<JsonObject>($"/api/videos/{id}"))!["status"]!.GetValue<string>();
                if (status is "failed" or "cancelled")
                {
                    Assert.Fail($"Job {id} ended {status}: {await stack.GetJobAsync(id)}");
                }

                if (status == "succeeded")
                {
                    pending.Remove(id);
                }
            }

            await Task.Delay(500);
        }

        using var http = new HttpClient { BaseAddress = stack.Emulator.BaseUrl };
        var stats = (await http.GetFromJsonAsync<JsonObject>("/emulator/stats"))!["overall"]!.AsObject();
        Assert.Equal(Jobs, PipelineStack.Count(stats, "submissions"));
        Assert.Equal(Jobs, PipelineStack.Count(stats, "contentDownloads"));
    }
}
