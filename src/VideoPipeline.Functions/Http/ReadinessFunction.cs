using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary>
/// <c>GET /api/ready</c>: 200 with each dependency's status when Blob Storage, Queue Storage and the task hub answer,
/// 503 problem+json naming the failing ones. Anonymous like <c>/api/health</c>, for probes; it tells only which
/// dependency failed and a short reason.
/// </summary>
public sealed class ReadinessFunction(VideoJobsApiFactory apis)
{
    [Function("Readiness")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ready")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ApiResponseActionResult(await apis.CreateReadinessApi(client).CheckAsync(request.HttpContext.RequestAborted));
}
