using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>POST /api/callbacks/{provider}/{id}?token=…</c>: a provider's per-task callback. Anonymous at the Functions level: the per-job HMAC token in the URL is the credential (401 when it does not verify, before anything is read).</summary>
public sealed class ProviderCallbackFunction(VideoJobsApiFactory apis)
{
    [Function("ProviderCallback")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "callbacks/{provider}/{id}")] HttpRequest request,
        string provider,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.ProviderCallbackAsync(provider, id, request.Query["token"].FirstOrDefault(), request.Body, request.HttpContext.RequestAborted));
    }
}
