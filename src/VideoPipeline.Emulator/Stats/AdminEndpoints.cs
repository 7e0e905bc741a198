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
