using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/videos/{id}/content</c>: 302 to a short-lived read-only URL of the archived video; 404/409 before archive.</summary>
public sealed class GetVideoContentFunction(VideoJobsApiFactory apis)
{
    [Function("GetVideoContent")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "videos/{id}/content")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.GetContentAsync(id, request.HttpContext.RequestAborted));
    }
}
