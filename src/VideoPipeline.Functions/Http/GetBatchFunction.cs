using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/batches/{id}</c>: the batch view; 404 for an unknown batch.</summary>
public sealed class GetBatchFunction(VideoJobsApiFactory apis)
{
    [Function("GetBatch")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ApiResponseActionResult(await apis.CreateBatchesApi(client).GetBatchAsync(id, request.HttpContext.RequestAborted));
}
