using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Dashboard;
using VideoPipeline.Core.Health;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Local.Api;

/// <summary>
/// Maps the HTTP contract onto the shared operations in Core. Every route here is described in
/// <c>Core/Api/openapi.json</c>; a test compares the two.
/// </summary>
public static class VideoPipelineEndpoints
{
    public static IEndpointRouteBuilder MapVideoPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<FunctionKeyFilter>();

        api.MapPost("/videos", async (HttpRequest request, VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.StartJobAsync(request.Body, request.Headers["Idempotency-Key"].FirstOrDefault(), ct)));

        api.MapGet("/videos", async (
                [FromQuery] string? status, [FromQuery] string? limit, [FromQuery] string? batchId,
                VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.ListJobsAsync(status, limit, batchId, ct)));

        api.MapGet("/videos/{id}", async (string id, VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.GetJobAsync(id, ct)));

        api.MapGet("/videos/{id}/content", async (string id, VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.GetContentAsync(id, ct)));

        api.MapPost("/videos/{id}/cancel", async (string id, VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.CancelJobAsync(id, ct)));

        api.MapPost("/callbacks/{provider}/{id}", async (
                string provider, string id, [FromQuery] string? token, HttpRequest request, VideoJobsApi jobs,
                CancellationToken ct) =>
            Result(await jobs.ProviderCallbackAsync(provider, id, token, request.Body, ct)));

        api.MapPost("/webhooks/openai", async (HttpRequest request, VideoJobsApi jobs, CancellationToken ct) =>
            Result(await jobs.OpenAiWebhookAsync(
                request.Headers["webhook-id"].FirstOrDefault(),
                request.Headers["webhook-timestamp"].FirstOrDefault(),
                request.Headers["webhook-signature"].FirstOrDefault(),
                request.Body,
                ct)));

        api.MapGet("/models", (ModelCatalogue catalogue) => Result(ModelsApi.List(catalogue)));

        api.MapGet("/openapi.json", () => Result(OpenApiDocument.Get()));

        api.MapPost("/batches", async (HttpRequest request, BatchesApi batches, CancellationToken ct) =>
            Result(await batches.StartBatchAsync(request.Body, ct)));

        api.MapGet("/batches", async ([FromQuery] string? limit, BatchesApi batches, CancellationToken ct) =>
            Result(await batches.ListBatchesAsync(limit, ct)));

        api.MapGet("/batches/{id}", async (string id, BatchesApi batches, CancellationToken ct) =>
            Result(await batches.GetBatchAsync(id, ct)));

        // Probes and the dashboard's static files need no key: they hold no data, and the page asks for the key.
        endpoints.MapGet("/api/health", () => Result(VideoJobsApi.Health()));
        endpoints.MapGet("/api/ready", async (ReadinessApi readiness, CancellationToken ct) =>
            Result(await readiness.CheckAsync(ct)));
        endpoints.MapGet("/", (IOptions<TelemetryOptions> telemetry) => Result(DashboardPage.Page(telemetry.Value.TraceUrlTemplate)));
        endpoints.MapGet("/api/dashboard", (IOptions<TelemetryOptions> telemetry) =>
            Result(DashboardPage.Page(telemetry.Value.TraceUrlTemplate)));
        endpoints.MapGet("/api/dashboard/{asset}", (string asset) => Result(DashboardPage.Asset(asset)));
        return endpoints;
    }

    private static ApiResponseResult Result(ApiResponse response) => new(response);
}
