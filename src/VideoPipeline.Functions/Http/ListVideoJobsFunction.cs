using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/videos?status=&amp;limit=&amp;batchId=</c>: jobs, newest first (see <see cref="Orchestration.DurableOrchestrationClient.QueryInstancesAsync"/> for what newest means on Durable).</summary>
public sealed class ListVideoJobsFunction(VideoJobsApiFactory apis)
{
    [Function("ListVideoJobs")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "videos")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.ListJobsAsync(request.Query["status"].FirstOrDefault(), request.Query["limit"].FirstOrDefault(), request.Query["batchId"].FirstOrDefault(), request.HttpContext.RequestAborted));
    }
}
