using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Functions.Tests.Hosting;
using VideoPipeline.Testing;

namespace VideoPipeline.Functions.Tests.Functions;

/// <summary>The app's queue trigger taking batch messages from the storage queue into jobs, and poisoning what is not a batch.</summary>
public class QueueFunctionTests(FunctionsAppHost app) : IClassFixture<FunctionsAppHost>
{
    [Fact]
    public async Task StartJobsFromQueue_BatchMessage_RunsEveryItemToAnArchivedVideo()
    {
        var batchId = $"queue-{Guid.NewGuid():N}"[..20];
        var message = JsonSerializer.Serialize(new
        {
            batchId,
            defaults = new { provider = "foxapi", model = "sora-2", aspectRatio = "16:9", durationSeconds = 4, waitMode = "poll" },
            items = new[] { new { prompt = Requests.UniquePrompt("[emu:seconds=1]") }, new { prompt = Requests.UniquePrompt("[emu:seconds=1]") } },
        });

        // The app's queue client Base64-encodes, as the Functions queue trigger expects.
        await app.BatchQueueClient.SendMessageAsync(message);
        var batch = await Eventually.GetAsync(
            () => BatchAsync(batchId),
            view => view?["status"]?.GetValue<string>() == "finished",
            $"batch {batchId} to finish");

        Assert.Equal(2, batch!["counts"]!["succeeded"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartJobsFromQueue_NotABatch_IsMovedToThePoisonQueueWithItsReason()
    {
        await app.BatchQueueClient.SendMessageAsync("not json at all");
        var poison = app.PoisonQueueClient;
        var poisoned = await Eventually.GetAsync(
            async () => (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync(32)).Value : [],
            messages => messages.Length > 0,
            "the message in the poison queue");

        Assert.Contains("not a batch", poisoned[0].Body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The batch view, or null while the message has not been taken in yet (404).</summary>
    private async Task<JsonObject?> BatchAsync(string id)
    {
        using var response = await app.Http.GetAsync($"/api/batches/{id}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }
}
