using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>POST /api/batches</c>: the same body as a queue message; 202 with the batch and its jobs.</summary>
public sealed class StartBatchFunction(VideoJobsApiFactory apis)
{
    [Function("StartBatch")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ApiResponseActionResult(
            await apis.CreateBatchesApi(client).StartBatchAsync(request.Body, request.HttpContext.RequestAborted));
}
