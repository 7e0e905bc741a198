using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using VideoPipeline.Emulator;
using Xunit;

namespace VideoPipeline.Testing;

/// <summary>
/// A running pipeline as its callers see it: its HTTP API and the provider emulator behind it. The local host stack
/// and the Functions app's test host both are one; tests drive either through the same calls.
/// </summary>
public abstract class PipelineUnderTest
{
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public abstract EmulatorServer Emulator { get; }

    /// <summary>The storage account the pipeline archives into.</summary>
    public abstract BlobServiceClient Blobs { get; }

    /// <summary>What a test that gives up should show: the host's log, where there is one.</summary>
    protected virtual string Diagnostics => "";

    public async Task<string> StartJobAsync(
        object request, string? idempotencyKey = null, HttpClient? client = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/videos") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await (client ?? Http).SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True((int)response.StatusCode == 202, $"POST /api/videos answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetJobAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"/api/videos/{id}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/videos/{id} answered {(int)response.StatusCode}: {body}\n{Diagnostics}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls the job view until the job ends; fails with the host's log if it does not within the timeout.</summary>
    public async Task<JsonObject> WaitForEndAsync(string id, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.GetAsync(() => GetJobAsync(id),
                job => job["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled",
                $"job {id} to end", timeout, TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await WaitDiagnosticsAsync(id)}Host log:\n{Diagnostics}", e);
        }
    }

    /// <summary>
    /// For a job that did not end: its provider task as the emulator saw it (status checks, completion) and its task
    /// watch registration, which together tell whether anyone checked the task and whether the watch still had it.
    /// </summary>
    private async Task<string> WaitDiagnosticsAsync(string id)
    {
        try
        {
            var taskId = (await GetJobAsync(id))["provider"]?["taskId"]?.GetValue<string>();
            using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
            var timeline = taskId is null ? "(no task)" : await http.GetStringAsync($"/emulator/tasks/{Uri.EscapeDataString(taskId)}");
            var registration = Blobs.GetBlobContainerClient("videopipeline-state").GetBlobClient($"task-watch/{id}.json");
            var registered = (await registration.ExistsAsync()).Value
                ? (await registration.DownloadContentAsync()).Value.Content.ToString()
                : "(none)";
            return $"Provider task at the emulator: {timeline}\nTask watch registration: {registered}\n";
        }
        catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException)
        {
            return $"(diagnostics unavailable: {e.Message})\n";
        }
    }

    public Task<JsonObject> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => GetJobAsync(id), job => job["status"]!.GetValue<string>() == status,
            $"job {id} to reach '{status}'", timeout ?? TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100));

    /// <summary>The emulator's counters for one prompt (submissions, status calls, downloads, callbacks).</summary>
    public async Task<JsonObject> PromptStatsAsync(string prompt)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        var stats = await http.GetFromJsonAsync<JsonObject>("/emulator/stats");
        return stats!["prompts"]![prompt]?.AsObject() ?? new JsonObject();
    }

    public static long Count(JsonObject stats, string name) =>
        stats[name] is JsonValue value ? value.GetValue<long>() : 0;
}
