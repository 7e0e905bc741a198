using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using VideoPipeline.Emulator;

namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>
/// The pipeline against an emulator that enforces APIXO's documented limits (60 requests per sliding minute, 10 tasks
/// generating at once, 429 beyond either), both at their defaults: nothing tells either of them the limits. Jobs rely on APIXO's callbacks
/// (polling only every 30 s as a safety net), so the request budget goes to submits and the status checks callbacks
/// trigger. Waiting jobs keep the default slot re-check (2.5 min), so a freed slot reaches the next job only by the
/// releasing job's event; the batch queue is polled often, so tests do not wait on timers.
/// </summary>
public class ApixoLimitsStack : PipelineStack
{
    public const int MaxConcurrentTasks = 10;
    public const int RequestsPerMinute = 60;
    public const string QueueName = "video-batches";

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Pipeline:CallbackSafetyNetInterval"] = "00:00:30";
        settings["Admission:MaxRequestWait"] = "00:01:00";
        settings["Batches:Listener:MaxPollingInterval"] = "00:00:00.5";
        settings["Batches:Listener:ProcessingVisibilityTimeout"] = "00:00:10";
    }

    public QueueClient BatchQueue(string name = QueueName) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Sends a batch message as any producer would (Base64, as the Functions trigger expects).</summary>
    public async Task SendBatchAsync(object batch)
    {
        var queue = BatchQueue();
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromString(JsonSerializer.Serialize(batch)));
    }

    /// <summary>The batch view once the intake has taken the batch in; null while it has not.</summary>
    public async Task<JsonObject?> GetBatchAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/batches/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    /// <summary>Polls the batch view until every job has ended; fails with the host's log if that takes too long.</summary>
    public async Task<JsonObject> WaitForBatchAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var batch = await GetBatchAsync(id);
            if (batch?["status"]?.GetValue<string>() == "finished")
            {
                return batch;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Batch {id} did not finish; last view {batch?["counts"]}\nHost log:\n{Host.Output}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Polls the batch view until every one of APIXO's task slots is generating one of its jobs.</summary>
    public async Task WaitUntilEverySlotGeneratesAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await GetBatchAsync(id))?["counts"]?["generating"]?.GetValue<int>() != MaxConcurrentTasks)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Batch {id} never had {MaxConcurrentTasks} jobs generating at once.\nHost log:\n{Host.Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The emulator's APIXO counters (<c>rateLimited</c>, <c>maxRunningTasks</c>, …).</summary>
    public async Task<JsonObject> ApixoStatsAsync()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        var stats = await http.GetFromJsonAsync<JsonObject>("/emulator/stats");
        return stats!["providers"]!["apixo"]!.AsObject();
    }

    /// <summary>APIXO task slots still held (slot blobs whose metadata names a holder).</summary>
    public async Task<List<string>> TakenSlotsAsync()
    {
        var taken = new List<string>();
        var container = Blobs.GetBlobContainerClient("videopipeline-state");
        await foreach (var slot in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, "slots/apixo/", CancellationToken.None))
        {
            if (slot.Metadata.TryGetValue("holder", out var holder))
            {
                taken.Add($"{slot.Name} held by {holder}");
            }
        }

        return taken;
    }

    public static Dictionary<string, object?> Item(string prompt) => new() { ["prompt"] = prompt };

    public static Dictionary<string, object?> ApixoDefaults => new()
    {
        ["provider"] = "apixo", ["model"] = "sora-2-pro", ["size"] = "720x1280", ["durationSeconds"] = 4,
    };
}
