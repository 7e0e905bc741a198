using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/videos/{id}</c>: the job view, 404 for an unknown id.</summary>
public sealed class GetVideoJobFunction(VideoJobsApiFactory apis)
{
    [Function("GetVideoJob")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "videos/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.GetJobAsync(id, request.HttpContext.RequestAborted));
    }
}
