using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>POST /api/videos</c>: validates the request and starts the job (202 with <c>Location</c>; <c>Idempotency-Key</c> makes a retry return the same job).</summary>
public sealed class StartVideoJobFunction(VideoJobsApiFactory apis)
{
    [Function("StartVideoJob")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "videos")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.StartJobAsync(request.Body, request.Headers["Idempotency-Key"].FirstOrDefault(), request.HttpContext.RequestAborted));
    }
}
