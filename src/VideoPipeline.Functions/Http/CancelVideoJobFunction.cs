using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>POST /api/videos/{id}/cancel</c>: 202, 404, or 409 when the job has finished or is being archived.</summary>
public sealed class CancelVideoJobFunction(VideoJobsApiFactory apis)
{
    [Function("CancelVideoJob")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "videos/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.CancelJobAsync(id, request.HttpContext.RequestAborted));
    }
}
