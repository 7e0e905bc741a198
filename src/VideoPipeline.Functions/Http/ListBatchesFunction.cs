using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/batches?limit=</c>: batches, newest first, each with its item and invalid-item counts (the batch view has the counts per status).</summary>
public sealed class ListBatchesFunction(VideoJobsApiFactory apis)
{
    [Function("ListBatches")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ApiResponseActionResult(await apis.CreateBatchesApi(client)
            .ListBatchesAsync(request.Query["limit"].FirstOrDefault(), request.HttpContext.RequestAborted));
}
