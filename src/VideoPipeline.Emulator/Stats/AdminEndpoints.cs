using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Faults;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Stats;

/// <summary>The emulator's own endpoints for tests and scripts; they need no API key.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/emulator");
        admin.MapGet("/health", () => Results.Text("ok"));
        admin.MapGet("/stats", (EmulatorStats stats, TaskStore store, TimeProvider time) =>
            JsonResults.Json(stats.ToJson(store, time.GetUtcNow())));
        admin.MapGet("/tasks", (EmulatorStats stats, TaskStore store) =>
            JsonResults.Json(new JsonObject
            {
                ["tasks"] = new JsonArray(store.All.OrderBy(t => t.Sequence).Select(t => (JsonNode)stats.TimelineJson(t)).ToArray()),
            }));
        admin.MapGet("/tasks/{id}", (string id, EmulatorStats stats, TaskStore store) =>
            store.TryGet(id, out var task)
                ? JsonResults.Json(stats.TimelineJson(task))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown task.", detail: $"The emulator has no task '{id}'."));
        admin.MapPost("/reset", Reset);
    }

    /// <summary>Forgets every task, counter, first-attempt memory and rate window, and cancels pending callbacks.</summary>
    private static IResult Reset(
        TaskStore store, EmulatorStats stats, FirstAttemptRegistry firstAttempts, RequestRateLimiter limiter, CallbackScheduler callbacks)
    {
        callbacks.CancelAll();
        store.Clear();
        firstAttempts.Clear();
        limiter.Clear();
        stats.Clear();
        return Results.NoContent();
    }
}
